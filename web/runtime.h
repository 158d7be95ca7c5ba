#pragma once
// The browser runtime: one per page. JS callbacks (WebSocket, fetch, IDBFS, input, timers) reach the
// Client and the UI through it, and every one of them wakes the render loop.
#include <memory>
#include <string>

namespace starling {
class Client;
namespace ui {
class App;
struct DrawReport;
}  // namespace ui
}  // namespace starling

namespace starling::web {

// Render at least `frames` more frames (resumes the paused main loop).
void wake(int frames = 2);
// Renders frames right now, inside the calling event handler, until the input queue is drained (a few
// at most). Used by touchend so the textarea can be focused within the gesture when a field got active.
void renderNow();

// "(N) Starling" with N unread in total. Also called from the timer: hidden tabs render no frames.
void updateTitle();

// The page is visible (visibilitychange, or the test hook's setPageVisible).
bool pageVisible();

// Null until the boot (IDBFS loaded, config and font fetched) has finished.
Client* client();
ui::App* app();
const ui::DrawReport& drawReport();
unsigned long long framesRendered();

// Main-thread time spent in frame() (layout, draw lists, GL calls issued), for benchmarks.
struct FrameStats {
    unsigned long long frames = 0;
    double totalMs = 0.0;
    double worstMs = 0.0;
    // The longest main-thread time the core took for one received WebSocket frame (Client::onFrame): what a
    // contact's or a server's stanza costs the page before anything is drawn.
    double worstReceiveMs = 0.0;
};
// Adds one received frame's handling time to the stats.
void noteReceived(double ms);
// The stats since the last reset; `reset` starts a new window.
FrameStats takeFrameStats(bool reset);

}  // namespace starling::web
