#pragma once
// The browser's side of calls (web/js/call.js): ui::CallHost over RTCPeerConnection and getUserMedia, and
// the pump that hands the core's media work (Client::takeCallEvents) to the browser.
#include "ui/call_host.h"

namespace starling::web {

// The browser has RTCPeerConnection (ClientConfig::calls follows it).
bool callsAvailable();
ui::CallHost& callHost();
// Gives the browser what the core asked of it since the last pump. Called from wake() (after every
// network, timer and JS input) and after each frame (clicks).
void pumpCalls();
// How often a new decoded frame of a call's video woke the render loop (since the page loaded): for tests.
unsigned long long videoWakes();

}  // namespace starling::web
