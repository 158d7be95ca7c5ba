#pragma once
// Keyboard, text, pointer and clipboard input through a hidden <textarea>, fed to ImGui 1.86 through an
// ordered FIFO. 1.86 reads keys and buttons as levels once per frame and has no input queue, so a
// down+up inside one frame would be lost and InputText applies characters before keys: each frame takes
// events in order and stops at the first one that would be a second transition of the same key or
// button, a text event after a key, or a pointer move after a button change.
namespace starling::web::input {

void install();        // JS listeners on the canvas, the textarea and the document; ImGui clipboard hooks
void applyToImGui();   // before ImGui::NewFrame: apply this frame's share of the queue
bool pending();        // events left for later frames
bool anyHeld();        // a key or mouse button is down (ImGui's key repeat and drags need frames)
void afterFrame(float devicePixelRatio);  // IME textarea position, mouse cursor shape

}  // namespace starling::web::input
