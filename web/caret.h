#pragma once
// The text caret drawn by the page instead of the canvas: a thin element over the canvas that blinks by
// itself (web/js/caret.js), so a focused text field idles without redrawing the canvas at all.
// ImGui still draws its caret in frames where a keystroke just reset it (both sit on the same pixels).

namespace starling::web::caret {

// Before ImGui::NewFrame (io.DeltaTime set): when the page draws the caret, puts ImGui's own caret in
// the hidden phase of its blink for this frame.
void beforeFrame();

// After the frame: shows the page's caret where ImGui's would be, or hides it. True when the page draws
// the caret (no wake-up needed for a blink); false when ImGui does (a popup is open, or a read-only field).
bool afterFrame(float devicePixelRatio);

}  // namespace starling::web::caret
