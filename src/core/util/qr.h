#pragma once
// A QR code encoder (ISO/IEC 18004, Model 2): byte mode only, error correction L, M, Q or H, versions
// 1–40 (the smallest that fits), the mask chosen by the standard's four penalty rules. Written here from
// the standard; no third-party code. Used for the OMEMO verification URI (xmpp:…?omemo-sid-…=…).
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace starling::util {

enum class QrEcc : std::uint8_t { L, M, Q, H };

struct QrCode {
    int version = 0;  // 1…40
    QrEcc ecc = QrEcc::M;
    int mask = 0;     // 0…7
    int size = 0;     // 17 + 4·version modules per side (no quiet zone)
    std::vector<std::uint8_t> modules;  // row-major, 1 = dark

    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * size + x] != 0; }
};

// Bytes the version holds in byte mode at that level (the mode and count header taken off).
int qrByteCapacity(int version, QrEcc ecc);
// Data codewords of a version and level (before error correction).
int qrDataCodewords(int version, QrEcc ecc);

// Error "qr-too-long" when the data does not fit in maxVersion; "bad-version" for a version outside 1…40.
// forceMask (0…7) skips the penalty choice (tests).
Result<QrCode> encodeQr(std::string_view data, QrEcc ecc = QrEcc::M, int maxVersion = 40, int forceMask = -1);

// Reed–Solomon error correction codewords of `data` (degree = their number); exposed for tests.
std::vector<std::uint8_t> qrReedSolomon(const std::vector<std::uint8_t>& data, int degree);

// The standard's penalty score of a finished symbol (lower is better); exposed for tests.
int qrPenalty(const QrCode& code);

}  // namespace starling::util
