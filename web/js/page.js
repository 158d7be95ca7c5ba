// The page around the canvas (web/main.cpp).
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_set_title: function(unread) { document.title = unread > 0 ? "(" + unread + ") Starling" : "Starling"; },
  // A link clicked in a message (ui::AppHooks::openUrl): a new tab that gets neither this page as its
  // opener nor it as referrer. Only http(s): the UI checks it, and so does this.
  js_open_url: function(urlPtr) {
    var url = UTF8ToString(urlPtr);
    if (!/^https?:\/\//i.test(url)) return;
    window["open"](url, "_blank", "noopener,noreferrer");
  },
});
