"""The README's system packages are the ones CI installs (.ci/run), word for word."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_installs_what_ci_installs():
    ci = (ROOT / ".ci" / "run").read_text()
    packages = re.search(r'^PDF_PACKAGES="([^"]+)"$', ci, re.MULTILINE).group(1)
    readme = (ROOT / "README.md").read_text()
    line = f"sudo apt-get install --no-install-recommends {packages}"
    assert line in readme, f"README should tell users: {line}"
    assert "sudo apt-get install chromium" in readme
    assert "apt-get install -y chromium" in ci
