#pragma once
// The browser's side of voice messages (web/js/voice.js): ui::VoiceHost with getUserMedia + MediaRecorder
// (Opus in WebM, remuxed to Ogg by the core: core/media/ogg_opus.h) and one HTMLAudioElement per player.
#include <cstddef>

#include "ui/voice_host.h"

namespace starling::web {

ui::VoiceHost& voiceHost();
std::size_t voicePlayers();  // audio players the browser holds now (the test hook's mediaMemory())
std::size_t voicePlayerCap();
void setVoicePlayerCap(std::size_t n);

}  // namespace starling::web
