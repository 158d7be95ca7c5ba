#pragma once
// The browser's side of shared files (web/js/media.js): ui::MediaHost (pictures as textures of our
// renderer, saving, the file chooser) and the installation of paste/drop.
#include "ui/media_host.h"

namespace starling::web {

ui::MediaHost& mediaHost();
void installMedia();  // paste and drop listeners

}  // namespace starling::web
