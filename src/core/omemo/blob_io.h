#pragma once
// Little-endian, length-prefixed binary fields for the OMEMO store blobs. Reads are bounds-checked.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace starling::omemo::blob {

using Bytes = std::vector<std::uint8_t>;
inline constexpr std::uint32_t kMaxField = 1u << 20;

class Writer {
public:
    void u8(std::uint8_t v) { m_out.push_back(v); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) m_out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void bytes(const std::uint8_t* data, std::size_t len) {
        u32(static_cast<std::uint32_t>(len));
        m_out.insert(m_out.end(), data, data + len);
    }
    void bytes(const Bytes& b) { bytes(b.data(), b.size()); }
    void text(const std::string& s) { bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }
    Bytes take() { return std::move(m_out); }

private:
    Bytes m_out;
};

class Reader {
public:
    explicit Reader(const Bytes& in) : m_in(in) {}
    bool atEnd() const { return m_pos == m_in.size(); }
    bool u8(std::uint8_t& v) {
        if (m_in.size() - m_pos < 1) return false;
        v = m_in[m_pos++];
        return true;
    }
    bool u32(std::uint32_t& v) {
        if (m_in.size() - m_pos < 4) return false;
        v = 0;
        for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(m_in[m_pos++]) << (8 * i);
        return true;
    }
    bool bytes(Bytes& out, std::uint32_t max = kMaxField) {
        std::uint32_t len = 0;
        if (!u32(len) || len > max || m_in.size() - m_pos < len) return false;
        out.assign(m_in.begin() + static_cast<std::ptrdiff_t>(m_pos),
                   m_in.begin() + static_cast<std::ptrdiff_t>(m_pos + len));
        m_pos += len;
        return true;
    }
    bool text(std::string& out, std::uint32_t max = 4096) {
        Bytes b;
        if (!bytes(b, max)) return false;
        out.assign(b.begin(), b.end());
        return true;
    }

private:
    const Bytes& m_in;
    std::size_t m_pos = 0;
};

}  // namespace starling::omemo::blob
