#pragma once
// A MemoryStore as one versioned binary blob, for the file store (write via temp file + rename).
// The blob holds private keys: callers zero their copies (crypto::secureZero) when done.
#include <memory>

#include "core/omemo/memory_store.h"
#include "core/util/result.h"

namespace starling::omemo {

Bytes encodeStore(const MemoryStore& store);
// Rejects truncated, oversized or unknown content ("bad-omemo-store") without partial results.
Result<std::unique_ptr<MemoryStore>> decodeStore(const Bytes& blob);

}  // namespace starling::omemo
