// The page around the canvas (web/main.cpp).
// An Emscripten JS library (--js-library, web/CMakeLists.txt). Names read from outside the compiled
// code (Module, window and JSON properties) are quoted so Closure keeps them.
mergeInto(LibraryManager.library, {
  js_set_title: function(unread) { document.title = unread > 0 ? "(" + unread + ") Starling" : "Starling"; },
});
