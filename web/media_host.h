#pragma once
// The browser's side of shared files (web/js/media.js): ui::MediaHost (pictures as textures of our
// renderer, saving, the file chooser) and the installation of paste/drop.
#include <cstddef>
#include <cstdint>

#include "ui/media_host.h"

namespace starling::web {

ui::MediaHost& mediaHost();
// What is held for shared files, for the test hook's mediaMemory(): the core's bytes (State::media) and
// the textures of decoded pictures, with their caps and how many were let go; audio players loaded.
struct MediaMemory {
    std::size_t bytes = 0, files = 0, bytesCap = 0;
    std::uint64_t fileEvictions = 0;
    std::size_t textureBytes = 0, textures = 0, textureCap = 0;
    std::uint64_t textureEvictions = 0;
    std::size_t players = 0, playerCap = 0;
};
MediaMemory mediaMemory();  // the textures' part (the hook adds the rest)
void setTextureCap(std::size_t bytes);
void installMedia();  // paste and drop listeners

}  // namespace starling::web
