#include "core/util/qr.h"

#include <algorithm>
#include <cstdlib>

namespace starling::util {
namespace {

// Per version 1…40 (index 0 unused), per level L, M, Q, H: error correction codewords per block and
// number of blocks (ISO/IEC 18004 Table 9).
constexpr std::int8_t kEccPerBlock[4][41] = {
    {-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
     28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
    {-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
     26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
    {-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
     28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
    {-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
     30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
};
constexpr std::int8_t kBlocks[4][41] = {
    {-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
     8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
    {-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
     17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
    {-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
     23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
    {-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
     25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
};
constexpr int kFormatEccBits[4] = {1, 0, 3, 2};  // L, M, Q, H as the format information encodes them

int lvl(QrEcc e) { return static_cast<int>(e); }

// Modules left for data and error correction after the function patterns.
int rawDataModules(int ver) {
    int result = (16 * ver + 128) * ver + 64;
    if (ver >= 2) {
        const int align = ver / 7 + 2;
        result -= (25 * align - 10) * align - 55;
        if (ver >= 7) result -= 36;
    }
    return result;
}

std::vector<int> alignmentPositions(int ver) {
    if (ver == 1) return {};
    const int count = ver / 7 + 2;
    const int size = ver * 4 + 17;
    const int step = ver == 32 ? 26 : (ver * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
    std::vector<int> out(count);
    out[0] = 6;
    for (int i = count - 1, pos = size - 7; i >= 1; --i, pos -= step) out[i] = pos;
    return out;
}

// GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
std::uint8_t gfMul(std::uint8_t x, std::uint8_t y) {
    int z = 0;
    for (int i = 7; i >= 0; --i) {
        z = (z << 1) ^ ((z >> 7) * 0x11D);
        z ^= ((y >> i) & 1) * x;
    }
    return static_cast<std::uint8_t>(z);
}

std::vector<std::uint8_t> rsDivisor(int degree) {
    std::vector<std::uint8_t> result(degree, 0);
    result[degree - 1] = 1;
    std::uint8_t root = 1;
    for (int i = 0; i < degree; ++i) {
        for (int j = 0; j < degree; ++j) {
            result[j] = gfMul(result[j], root);
            if (j + 1 < degree) result[j] ^= result[j + 1];
        }
        root = gfMul(root, 0x02);
    }
    return result;
}

std::vector<std::uint8_t> rsRemainder(const std::vector<std::uint8_t>& data, const std::vector<std::uint8_t>& div) {
    std::vector<std::uint8_t> result(div.size(), 0);
    for (std::uint8_t b : data) {
        const std::uint8_t factor = b ^ result[0];
        result.erase(result.begin());
        result.push_back(0);
        for (std::size_t i = 0; i < result.size(); ++i) result[i] ^= gfMul(div[i], factor);
    }
    return result;
}

struct Grid {
    int size;
    std::vector<std::uint8_t> dark, function;
    explicit Grid(int n) : size(n), dark(n * n, 0), function(n * n, 0) {}
    void set(int x, int y, bool d) {
        dark[y * size + x] = d;
        function[y * size + x] = 1;
    }
    bool isFunction(int x, int y) const { return function[y * size + x] != 0; }
};

void drawFormat(Grid& g, QrEcc ecc, int mask) {
    const int data = kFormatEccBits[lvl(ecc)] << 3 | mask;
    int rem = data;
    for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    const int bits = (data << 10 | rem) ^ 0x5412;
    auto bit = [&](int i) { return ((bits >> i) & 1) != 0; };
    for (int i = 0; i <= 5; ++i) g.set(8, i, bit(i));
    g.set(8, 7, bit(6));
    g.set(8, 8, bit(7));
    g.set(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) g.set(14 - i, 8, bit(i));
    for (int i = 0; i < 8; ++i) g.set(g.size - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) g.set(8, g.size - 15 + i, bit(i));
    g.set(8, g.size - 8, true);  // the dark module
}

void drawFunctionPatterns(Grid& g, int ver, QrEcc ecc) {
    const int n = g.size;
    for (int i = 0; i < n; ++i) {
        g.set(6, i, i % 2 == 0);
        g.set(i, 6, i % 2 == 0);
    }
    auto finder = [&](int cx, int cy) {
        for (int dy = -4; dy <= 4; ++dy)
            for (int dx = -4; dx <= 4; ++dx) {
                const int x = cx + dx, y = cy + dy;
                if (x < 0 || y < 0 || x >= n || y >= n) continue;
                const int dist = std::max(std::abs(dx), std::abs(dy));
                g.set(x, y, dist != 2 && dist != 4);
            }
    };
    finder(3, 3);
    finder(n - 4, 3);
    finder(3, n - 4);
    const std::vector<int> pos = alignmentPositions(ver);
    const int last = static_cast<int>(pos.size()) - 1;
    for (int i = 0; i <= last; ++i)
        for (int j = 0; j <= last; ++j) {
            if ((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) continue;
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx)
                    g.set(pos[i] + dx, pos[j] + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
        }
    drawFormat(g, ecc, 0);  // reserves the area; redrawn with the chosen mask
    if (ver >= 7) {
        int rem = ver;
        for (int i = 0; i < 12; ++i) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
        const long bits = static_cast<long>(ver) << 12 | rem;
        for (int i = 0; i < 18; ++i) {
            const bool d = ((bits >> i) & 1) != 0;
            const int a = n - 11 + i % 3, b = i / 3;
            g.set(a, b, d);
            g.set(b, a, d);
        }
    }
}

std::vector<std::uint8_t> interleave(const std::vector<std::uint8_t>& data, int ver, QrEcc ecc) {
    const int blocks = kBlocks[lvl(ecc)][ver];
    const int eccLen = kEccPerBlock[lvl(ecc)][ver];
    const int raw = rawDataModules(ver) / 8;
    const int shortBlocks = blocks - raw % blocks;
    const int shortLen = raw / blocks;
    const std::vector<std::uint8_t> div = rsDivisor(eccLen);
    std::vector<std::vector<std::uint8_t>> all;
    std::size_t k = 0;
    for (int i = 0; i < blocks; ++i) {
        const std::size_t len = static_cast<std::size_t>(shortLen - eccLen + (i < shortBlocks ? 0 : 1));
        std::vector<std::uint8_t> block(data.begin() + k, data.begin() + k + len);
        k += len;
        const std::vector<std::uint8_t> ec = rsRemainder(block, div);
        if (i < shortBlocks) block.push_back(0);  // placeholder, skipped below
        block.insert(block.end(), ec.begin(), ec.end());
        all.push_back(std::move(block));
    }
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < all[0].size(); ++i)
        for (int j = 0; j < blocks; ++j)
            if (i != static_cast<std::size_t>(shortLen - eccLen) || j >= shortBlocks) out.push_back(all[j][i]);
    return out;
}

void drawCodewords(Grid& g, const std::vector<std::uint8_t>& words) {
    const int n = g.size;
    std::size_t i = 0;
    for (int right = n - 1; right >= 1; right -= 2) {
        if (right == 6) right = 5;  // skip the vertical timing column
        for (int vert = 0; vert < n; ++vert)
            for (int j = 0; j < 2; ++j) {
                const int x = right - j;
                const bool upward = ((right + 1) & 2) == 0;
                const int y = upward ? n - 1 - vert : vert;
                if (g.isFunction(x, y) || i >= words.size() * 8) continue;
                g.dark[y * n + x] = (words[i >> 3] >> (7 - (i & 7))) & 1;
                ++i;
            }
    }
}

bool maskBit(int mask, int x, int y) {
    switch (mask) {
        case 0: return (x + y) % 2 == 0;
        case 1: return y % 2 == 0;
        case 2: return x % 3 == 0;
        case 3: return (x + y) % 3 == 0;
        case 4: return (x / 3 + y / 2) % 2 == 0;
        case 5: return x * y % 2 + x * y % 3 == 0;
        case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
        default: return ((x + y) % 2 + x * y % 3) % 2 == 0;
    }
}

void applyMask(Grid& g, int mask) {
    for (int y = 0; y < g.size; ++y)
        for (int x = 0; x < g.size; ++x)
            if (!g.isFunction(x, y) && maskBit(mask, x, y)) g.dark[y * g.size + x] ^= 1;
}

}  // namespace

int qrDataCodewords(int version, QrEcc ecc) {
    if (version < 1 || version > 40) return 0;
    return rawDataModules(version) / 8 - kEccPerBlock[lvl(ecc)][version] * kBlocks[lvl(ecc)][version];
}

int qrByteCapacity(int version, QrEcc ecc) {
    const int countBits = version <= 9 ? 8 : 16;
    return (qrDataCodewords(version, ecc) * 8 - 4 - countBits) / 8;
}

std::vector<std::uint8_t> qrReedSolomon(const std::vector<std::uint8_t>& data, int degree) {
    if (degree < 1 || degree > 255) return {};
    return rsRemainder(data, rsDivisor(degree));
}

int qrPenalty(const QrCode& code) {
    const int n = code.size;
    int score = 0;
    auto at = [&](int x, int y, bool columns) { return columns ? code.dark(y, x) : code.dark(x, y); };
    for (int pass = 0; pass < 2; ++pass) {
        const bool columns = pass == 1;
        for (int y = 0; y < n; ++y) {
            // Rule 1: five or more same-coloured modules in a row: 3 + (length − 5).
            int run = 1;
            for (int x = 1; x <= n; ++x) {
                if (x < n && at(x, y, columns) == at(x - 1, y, columns)) {
                    ++run;
                    continue;
                }
                if (run >= 5) score += 3 + (run - 5);
                run = 1;
            }
            // Rule 3: 1:1:3:1:1 finder-like pattern with four light modules on either side: 40.
            static constexpr std::uint8_t kA[11] = {1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0};
            static constexpr std::uint8_t kB[11] = {0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1};
            for (int x = 0; x + 11 <= n; ++x) {
                bool a = true, b = true;
                for (int k = 0; k < 11 && (a || b); ++k) {
                    const bool d = at(x + k, y, columns);
                    a = a && d == (kA[k] != 0);
                    b = b && d == (kB[k] != 0);
                }
                score += (a ? 40 : 0) + (b ? 40 : 0);
            }
        }
    }
    // Rule 2: each 2×2 block of one colour: 3.
    for (int y = 0; y + 1 < n; ++y)
        for (int x = 0; x + 1 < n; ++x) {
            const bool c = code.dark(x, y);
            if (c == code.dark(x + 1, y) && c == code.dark(x, y + 1) && c == code.dark(x + 1, y + 1)) score += 3;
        }
    // Rule 4: 10 per 5% step that the dark share deviates from 50%.
    const int total = n * n;
    const int darkCount = static_cast<int>(std::count(code.modules.begin(), code.modules.end(), 1));
    const int k = (std::abs(darkCount * 20 - total * 10) + total - 1) / total - 1;
    score += std::max(k, 0) * 10;
    return score;
}

Result<QrCode> encodeQr(std::string_view data, QrEcc ecc, int maxVersion, int forceMask) {
    if (maxVersion < 1 || maxVersion > 40) return makeError("bad-version", "QR versions are 1…40");
    int ver = 1;
    while (ver <= maxVersion && static_cast<int>(data.size()) > qrByteCapacity(ver, ecc)) ++ver;
    if (ver > maxVersion)
        return makeError("qr-too-long", std::to_string(data.size()) + " bytes do not fit in version " +
                                            std::to_string(maxVersion));
    // Bit stream: mode 0100 (byte), character count, the bytes, terminator, padding.
    std::vector<bool> bits;
    auto put = [&](std::uint32_t v, int n) {
        for (int i = n - 1; i >= 0; --i) bits.push_back(((v >> i) & 1) != 0);
    };
    put(0x4, 4);
    put(static_cast<std::uint32_t>(data.size()), ver <= 9 ? 8 : 16);
    for (char c : data) put(static_cast<std::uint8_t>(c), 8);
    const std::size_t capacity = static_cast<std::size_t>(qrDataCodewords(ver, ecc)) * 8;
    put(0, static_cast<int>(std::min<std::size_t>(4, capacity - bits.size())));
    while (bits.size() % 8) bits.push_back(false);
    for (std::uint8_t pad = 0xEC; bits.size() < capacity; pad ^= 0xEC ^ 0x11) put(pad, 8);
    std::vector<std::uint8_t> words(bits.size() / 8, 0);
    for (std::size_t i = 0; i < bits.size(); ++i) words[i >> 3] |= static_cast<std::uint8_t>(bits[i] << (7 - (i & 7)));

    Grid base(ver * 4 + 17);
    drawFunctionPatterns(base, ver, ecc);
    drawCodewords(base, interleave(words, ver, ecc));
    QrCode best;
    int bestScore = -1;
    for (int mask = 0; mask < 8; ++mask) {
        if (forceMask >= 0 && mask != forceMask) continue;
        Grid g = base;
        applyMask(g, mask);
        drawFormat(g, ecc, mask);
        QrCode candidate{ver, ecc, mask, g.size, std::move(g.dark)};
        const int score = qrPenalty(candidate);
        if (bestScore < 0 || score < bestScore) {
            bestScore = score;
            best = std::move(candidate);
        }
    }
    return best;
}

}  // namespace starling::util
