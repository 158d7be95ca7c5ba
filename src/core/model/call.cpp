#include "core/model/call.h"

namespace starling::model {

const char* callStateName(CallState state) {
    switch (state) {
        case CallState::Idle: return "idle";
        case CallState::Outgoing: return "outgoing";
        case CallState::Ringing: return "ringing";
        case CallState::Connecting: return "connecting";
        case CallState::Connected: return "connected";
        case CallState::Ended: return "ended";
    }
    return "idle";
}

}  // namespace starling::model
