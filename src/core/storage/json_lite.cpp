#include "core/storage/json_lite.h"

#include <cstdint>
#include <cstdio>

namespace starling::storage::json {

Value Value::boolean(bool b) {
    Value v;
    v.m_kind = Kind::Bool;
    v.m_bool = b;
    return v;
}
Value Value::number(std::int64_t n) {
    Value v;
    v.m_kind = Kind::Number;
    v.m_number = n;
    return v;
}
Value Value::string(std::string s) {
    Value v;
    v.m_kind = Kind::String;
    v.m_string = std::move(s);
    return v;
}
Value Value::array() {
    Value v;
    v.m_kind = Kind::Array;
    return v;
}
Value Value::object() {
    Value v;
    v.m_kind = Kind::Object;
    return v;
}

const Value* Value::get(std::string_view key) const {
    for (const auto& [k, v] : m_members)
        if (k == key) return &v;
    return nullptr;
}
std::string Value::str(std::string_view key) const {
    const Value* v = get(key);
    return v && v->m_kind == Kind::String ? v->m_string : std::string();
}
std::int64_t Value::num(std::string_view key, std::int64_t def) const {
    const Value* v = get(key);
    return v && v->m_kind == Kind::Number ? v->m_number : def;
}
bool Value::flag(std::string_view key, bool def) const {
    const Value* v = get(key);
    return v && v->m_kind == Kind::Bool ? v->m_bool : def;
}
Value& Value::set(const std::string& key, Value v) {
    m_kind = Kind::Object;
    for (auto& [k, existing] : m_members)
        if (k == key) {
            existing = std::move(v);
            return *this;
        }
    m_members.emplace_back(key, std::move(v));
    return *this;
}

namespace {

void dumpString(std::string& out, const std::string& s) {
    out += '"';
    for (const unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

}  // namespace

std::string Value::dump() const {
    std::string out;
    dumpTo(out);
    return out;
}

void Value::dumpTo(std::string& out) const {
    switch (m_kind) {
        case Kind::Null: out += "null"; break;
        case Kind::Bool: out += m_bool ? "true" : "false"; break;
        case Kind::Number: out += std::to_string(m_number); break;
        case Kind::String: dumpString(out, m_string); break;
        case Kind::Array:
            out += '[';
            for (std::size_t i = 0; i < m_items.size(); ++i) {
                if (i) out += ',';
                m_items[i].dumpTo(out);
            }
            out += ']';
            break;
        case Kind::Object:
            out += '{';
            for (std::size_t i = 0; i < m_members.size(); ++i) {
                if (i) out += ',';
                dumpString(out, m_members[i].first);
                out += ':';
                m_members[i].second.dumpTo(out);
            }
            out += '}';
            break;
    }
}

class Parser {
public:
    explicit Parser(std::string_view text) : m_s(text) {}

    Result<Value> run() {
        Value v;
        if (!value(v, 0)) return makeError("bad-json", m_err);
        ws();
        if (m_i != m_s.size()) return makeError("bad-json", "trailing data");
        return v;
    }

private:
    static constexpr int kMaxDepth = 32;
    std::string_view m_s;
    std::size_t m_i = 0;
    std::string m_err = "syntax";

    void ws() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r'))
            ++m_i;
    }
    bool lit(std::string_view word) {
        if (m_s.substr(m_i, word.size()) != word) return false;
        m_i += word.size();
        return true;
    }
    static void putUtf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    bool hex4(std::uint32_t& out) {
        if (m_i + 4 > m_s.size()) return false;
        out = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = m_s[m_i++];
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }
    bool string(std::string& out) {
        if (m_i >= m_s.size() || m_s[m_i] != '"') return false;
        ++m_i;
        while (m_i < m_s.size()) {
            const char c = m_s[m_i++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_i >= m_s.size()) return false;
            const char e = m_s[m_i++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        std::uint32_t lo = 0;
                        if (!lit("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return false;
                    }
                    putUtf8(out, cp);
                    break;
                }
                default: return false;
            }
        }
        return false;
    }
    bool number(Value& v) {
        const std::size_t start = m_i;
        bool neg = false;
        if (m_i < m_s.size() && m_s[m_i] == '-') {
            neg = true;
            ++m_i;
        }
        std::int64_t n = 0;
        std::size_t digits = 0;
        while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9') {
            if (n > (INT64_MAX - 9) / 10) return false;
            n = n * 10 + (m_s[m_i++] - '0');
            ++digits;
        }
        if (digits == 0) {
            m_i = start;
            return false;
        }
        // Fractions and exponents are not used by our files: accept and truncate.
        while (m_i < m_s.size() && (m_s[m_i] == '.' || m_s[m_i] == 'e' || m_s[m_i] == 'E' || m_s[m_i] == '+' ||
                                    m_s[m_i] == '-' || (m_s[m_i] >= '0' && m_s[m_i] <= '9')))
            ++m_i;
        v = Value::number(neg ? -n : n);
        return true;
    }
    bool value(Value& v, int depth) {
        if (depth > kMaxDepth) {
            m_err = "too deep";
            return false;
        }
        ws();
        if (m_i >= m_s.size()) {
            m_err = "truncated";
            return false;
        }
        const char c = m_s[m_i];
        if (c == '{') {
            ++m_i;
            v = Value::object();
            ws();
            if (m_i < m_s.size() && m_s[m_i] == '}') {
                ++m_i;
                return true;
            }
            for (;;) {
                ws();
                std::string key;
                if (!string(key)) return false;
                ws();
                if (m_i >= m_s.size() || m_s[m_i] != ':') return false;
                ++m_i;
                Value member;
                if (!value(member, depth + 1)) return false;
                v.set(key, std::move(member));
                ws();
                if (m_i < m_s.size() && m_s[m_i] == ',') {
                    ++m_i;
                    continue;
                }
                if (m_i < m_s.size() && m_s[m_i] == '}') {
                    ++m_i;
                    return true;
                }
                return false;
            }
        }
        if (c == '[') {
            ++m_i;
            v = Value::array();
            ws();
            if (m_i < m_s.size() && m_s[m_i] == ']') {
                ++m_i;
                return true;
            }
            for (;;) {
                Value item;
                if (!value(item, depth + 1)) return false;
                v.push(std::move(item));
                ws();
                if (m_i < m_s.size() && m_s[m_i] == ',') {
                    ++m_i;
                    continue;
                }
                if (m_i < m_s.size() && m_s[m_i] == ']') {
                    ++m_i;
                    return true;
                }
                return false;
            }
        }
        if (c == '"') {
            std::string s;
            if (!string(s)) return false;
            v = Value::string(std::move(s));
            return true;
        }
        if (lit("true")) {
            v = Value::boolean(true);
            return true;
        }
        if (lit("false")) {
            v = Value::boolean(false);
            return true;
        }
        if (lit("null")) {
            v = Value();
            return true;
        }
        return number(v);
    }
};

Result<Value> parse(std::string_view text) { return Parser(text).run(); }

}  // namespace starling::storage::json
