#pragma once
// Chrome compiles each Wasm function first with its baseline compiler and optimizes it only after it has run
// for a while; a loop that is already running stays in baseline code. The first huge message from a contact
// would then go through the byte loops of framing, parsing and the history record in baseline code, two to
// four times slower (700,000 × "L": 55 ms there, 20 ms optimized, measured with bench/long_message.mjs).
// So, a few seconds after boot, those loops run once over a synthetic mixed-script body in short idle slices
// (a few milliseconds each), and the first huge message meets optimized code. Nothing is stored or sent.
namespace starling::web {

void scheduleWarmUp();

}  // namespace starling::web
