#pragma once
// Start-up: mount IDBFS at /data and load it, fetch config.json and the font (started early by
// index.html), then create the Client and the UI. The client starts only after IndexedDB has loaded.
namespace starling::web {

void boot();

}  // namespace starling::web
