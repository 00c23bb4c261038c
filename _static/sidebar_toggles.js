/* Make the sidebar buttons that readers see work.

   pydata-sphinx-theme 0.17 opens the folded navigation (the drawers of a phone
   or tablet) from the first .primary-toggle and .secondary-toggle of the page
   only, and sphinx-book-theme attaches its collapse-on-desktop handler to the
   same first one. That first button is in the theme's own header, which the
   book theme hides; the buttons shown in the article header get no handler,
   so on a phone the navigation can never be opened (pydata-sphinx-theme issue
   2451). Forward their clicks, whether from a tap, a mouse or the keyboard, to
   the button the themes listen to. */
document.addEventListener("DOMContentLoaded", () => {
  for (const kind of ["primary", "secondary"]) {
    const listened = document.querySelector(`.${kind}-toggle`);
    if (!listened) continue;
    for (const shown of document.querySelectorAll(`.bd-header-article .${kind}-toggle`)) {
      if (shown === listened) continue;
      shown.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        listened.click();
      });
    }
  }
});
