#pragma once
// The browser's side of voice messages (web/js/voice.js): ui::VoiceHost with getUserMedia + MediaRecorder
// (Opus in WebM, remuxed to Ogg by the core: core/media/ogg_opus.h) and one HTMLAudioElement per player.
#include "ui/voice_host.h"

namespace starling::web {

ui::VoiceHost& voiceHost();

}  // namespace starling::web
