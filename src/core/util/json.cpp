#include "core/util/json.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/util/utf8.h"

namespace starling {
namespace {

const Json& nullJson() {
    static const Json kNull;
    return kNull;
}

bool plainAscii(unsigned char u) { return u >= 0x20 && u < 0x80 && u != '"' && u != '\\'; }

// Runs of bytes that need no escape (printable ASCII, valid UTF-8) are copied whole: a 700,000-byte
// body costs one scan and one copy, not 700,000 appends.
void dumpString(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0;  // the first byte not copied yet
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char u = bytes[i];
        if (plainAscii(u)) {
            ++i;
            continue;
        }
        if (u >= 0x80) {
            std::uint32_t cp = 0;
            if (const std::size_t len = utf8::decode(s, i, cp); len != 0) {
                i += len;
                continue;
            }
        }
        out.append(s.substr(run, i - run));
        ++i;
        run = i;
        switch (u) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (u < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(u));
                    out += buf;
                } else {
                    out += "\xEF\xBF\xBD";  // not UTF-8: U+FFFD
                }
        }
    }
    out.append(s.substr(run));
    out += '"';
}

void dumpNumber(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buf[40];
    for (int precision = 15; precision <= 17; ++precision) {  // shortest text that reads back exactly
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    out += buf;
}

void newline(std::string& out, int indent, std::size_t depth) {
    if (indent <= 0) return;
    out += '\n';
    out.append(depth * static_cast<std::size_t>(indent), ' ');
}

}  // namespace

class JsonParser {
public:
    JsonParser(std::string_view s, const Json::Limits& limits) : m_s(s), m_limits(limits) {}

    Result<Json> run() {
        if (m_s.size() > m_limits.maxBytes) return makeError("bad-json", "text exceeds the size limit");
        Json v;
        skipSpace();
        if (!value(v, 0)) return m_error;
        skipSpace();
        if (m_i != m_s.size()) {
            fail("trailing characters");
            return m_error;
        }
        return v;
    }

private:
    bool fail(const char* why) {
        m_error = makeError("bad-json", std::string(why) + " at offset " + std::to_string(m_i));
        return false;
    }
    bool more() const { return m_i < m_s.size(); }
    char peek() const { return m_s[m_i]; }
    void skipSpace() {
        while (more() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++m_i;
    }
    bool literal(std::string_view word) {
        if (m_s.substr(m_i, word.size()) != word) return fail("bad literal");
        m_i += word.size();
        return true;
    }

    bool value(Json& out, std::size_t depth) {
        if (!more()) return fail("unexpected end");
        switch (peek()) {
            case 'n': return literal("null");
            case 't': out = Json(true); return literal("true");
            case 'f': out = Json(false); return literal("false");
            case '"': out.m_type = Json::Type::String; return string(out.m_string);
            case '[': return array(out, depth + 1);
            case '{': return object(out, depth + 1);
            default: return number(out);
        }
    }

    bool array(Json& out, std::size_t depth) {
        if (depth > m_limits.maxDepth) return fail("nesting too deep");
        out = Json::array();
        ++m_i;
        skipSpace();
        if (more() && peek() == ']') return ++m_i, true;
        for (;;) {
            skipSpace();
            out.m_array.emplace_back();
            if (!value(out.m_array.back(), depth)) return false;
            skipSpace();
            if (!more()) return fail("unterminated array");
            if (peek() == ']') return ++m_i, true;
            if (peek() != ',') return fail("expected ',' or ']'");
            ++m_i;
        }
    }

    bool object(Json& out, std::size_t depth) {
        if (depth > m_limits.maxDepth) return fail("nesting too deep");
        out = Json::object();
        ++m_i;
        skipSpace();
        if (more() && peek() == '}') return ++m_i, true;
        for (;;) {
            skipSpace();
            if (!more() || peek() != '"') return fail("expected a key");
            std::string key;
            if (!string(key)) return false;
            skipSpace();
            if (!more() || peek() != ':') return fail("expected ':'");
            ++m_i;
            skipSpace();
            out.m_object.emplace_back(std::move(key), Json());
            if (!value(out.m_object.back().second, depth)) return false;
            skipSpace();
            if (!more()) return fail("unterminated object");
            if (peek() == '}') {
                ++m_i;
                return uniqueKeys(out.m_object);
            }
            if (peek() != ',') return fail("expected ',' or '}'");
            ++m_i;
        }
    }

    bool uniqueKeys(const Json::Object& members) {
        if (members.size() < 2) return true;
        std::vector<std::string_view> keys;
        keys.reserve(members.size());
        for (const auto& m : members) keys.push_back(m.first);
        std::sort(keys.begin(), keys.end());
        if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return fail("duplicate key");
        return true;
    }

    bool hex4(std::uint32_t& v) {
        if (m_s.size() - m_i < 4) return fail("truncated \\u escape");
        v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = m_s[m_i++];
            int d = -1;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            if (d < 0) return fail("bad \\u escape");
            v = v * 16 + static_cast<std::uint32_t>(d);
        }
        return true;
    }

    bool string(std::string& out) {
        ++m_i;  // opening quote
        for (;;) {
            if (!more()) return fail("unterminated string");
            const auto u = static_cast<unsigned char>(peek());
            if (u == '"') return ++m_i, true;
            if (u < 0x20) return fail("control character in string");
            if (u >= 0x80) {
                std::uint32_t cp = 0;
                const std::size_t len = utf8::decode(m_s, m_i, cp);
                if (len == 0) return fail("invalid UTF-8");
                out.append(m_s.substr(m_i, len));
                m_i += len;
                continue;
            }
            ++m_i;
            if (u != '\\') {
                out += static_cast<char>(u);
                continue;
            }
            if (!more()) return fail("unterminated escape");
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
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        std::uint32_t low = 0;
                        if (m_s.substr(m_i, 2) != "\\u") return fail("lone high surrogate");
                        m_i += 2;
                        if (!hex4(low)) return false;
                        if (low < 0xDC00 || low > 0xDFFF) return fail("lone high surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    utf8::append(out, cp);
                    break;
                }
                default: return fail("bad escape");
            }
        }
    }

    bool digits() {
        const std::size_t start = m_i;
        while (more() && peek() >= '0' && peek() <= '9') ++m_i;
        return m_i != start;
    }

    bool number(Json& out) {
        const std::size_t start = m_i;
        if (more() && peek() == '-') ++m_i;
        if (!more() || peek() < '0' || peek() > '9') return fail("unexpected character");
        if (peek() == '0') ++m_i;
        else digits();
        bool integral = true;
        if (more() && peek() == '.') {
            ++m_i;
            if (!digits()) return fail("bad fraction");
            integral = false;
        }
        if (more() && (peek() == 'e' || peek() == 'E')) {
            ++m_i;
            if (more() && (peek() == '+' || peek() == '-')) ++m_i;
            if (!digits()) return fail("bad exponent");
            integral = false;
        }
        const std::string token(m_s.substr(start, m_i - start));
        if (integral && token != "-0") {  // "-0" stays a double so that it dumps as "-0" again
            errno = 0;
            char* end = nullptr;
            const long long n = std::strtoll(token.c_str(), &end, 10);
            if (errno == 0 && end == token.c_str() + token.size()) {
                out = Json(static_cast<std::int64_t>(n));
                return true;
            }
        }
        const double d = std::strtod(token.c_str(), nullptr);
        if (!std::isfinite(d)) return fail("number out of range");
        out = Json(d);
        return true;
    }

    std::string_view m_s;
    const Json::Limits& m_limits;
    std::size_t m_i = 0;
    Error m_error;
};

Result<Json> Json::parse(std::string_view text, const Limits& limits) { return JsonParser(text, limits).run(); }

std::int64_t Json::asInt(std::int64_t fallback) const {
    if (!isNumber()) return fallback;
    if (m_isInt) return m_int;
    if (!(m_double >= -9.2233720368547758e18 && m_double < 9.2233720368547758e18)) return fallback;
    return static_cast<std::int64_t>(m_double);
}

const std::string& Json::asString() const {
    static const std::string kEmpty;
    return isString() ? m_string : kEmpty;
}

const Json::Array& Json::items() const {
    static const Array kEmpty;
    return isArray() ? m_array : kEmpty;
}

const Json::Object& Json::members() const {
    static const Object kEmpty;
    return isObject() ? m_object : kEmpty;
}

Json& Json::push(Json value) {
    if (!isArray()) *this = array();
    m_array.push_back(std::move(value));
    return m_array.back();
}

const Json* Json::find(std::string_view key) const {
    if (!isObject()) return nullptr;
    for (const Member& m : m_object) {
        if (m.first == key) return &m.second;
    }
    return nullptr;
}

Json* Json::find(std::string_view key) {
    return const_cast<Json*>(static_cast<const Json*>(this)->find(key));
}

Json& Json::set(std::string_view key, Json value) {
    if (!isObject()) *this = object();
    if (Json* existing = find(key)) {
        *existing = std::move(value);
        return *existing;
    }
    m_object.emplace_back(std::string(key), std::move(value));
    return m_object.back().second;
}

bool Json::erase(std::string_view key) {
    if (!isObject()) return false;
    const auto it = std::find_if(m_object.begin(), m_object.end(), [&](const Member& m) { return m.first == key; });
    if (it == m_object.end()) return false;
    m_object.erase(it);
    return true;
}

const Json& Json::operator[](std::string_view key) const {
    const Json* v = find(key);
    return v ? *v : nullJson();
}

const Json& Json::at(std::size_t index) const {
    return isArray() && index < m_array.size() ? m_array[index] : nullJson();
}

std::size_t Json::size() const {
    if (isArray()) return m_array.size();
    if (isObject()) return m_object.size();
    return 0;
}

bool operator==(const Json& a, const Json& b) {
    if (a.m_type != b.m_type) return false;
    switch (a.m_type) {
        case Json::Type::Null: return true;
        case Json::Type::Bool: return a.m_bool == b.m_bool;
        case Json::Type::Number: return a.m_isInt && b.m_isInt ? a.m_int == b.m_int : a.m_double == b.m_double;
        case Json::Type::String: return a.m_string == b.m_string;
        case Json::Type::Array: return a.m_array == b.m_array;
        case Json::Type::Object:
            if (a.m_object.size() != b.m_object.size()) return false;
            for (const Json::Member& m : a.m_object) {
                const Json* other = b.find(m.first);
                if (!other || !(*other == m.second)) return false;
            }
            return true;
    }
    return false;
}

namespace {
void dumpValue(std::string& out, const Json& v, int indent, std::size_t depth) {
    switch (v.type()) {
        case Json::Type::Null: out += "null"; return;
        case Json::Type::Bool: out += v.asBool() ? "true" : "false"; return;
        case Json::Type::Number:
            if (v.isInteger()) out += std::to_string(v.asInt());
            else dumpNumber(out, v.asDouble());
            return;
        case Json::Type::String: dumpString(out, v.asString()); return;
        case Json::Type::Array: {
            out += '[';
            bool first = true;
            for (const Json& item : v.items()) {
                if (!first) out += ',';
                first = false;
                newline(out, indent, depth + 1);
                dumpValue(out, item, indent, depth + 1);
            }
            if (!first) newline(out, indent, depth);
            out += ']';
            return;
        }
        case Json::Type::Object: {
            out += '{';
            bool first = true;
            for (const Json::Member& m : v.members()) {
                if (!first) out += ',';
                first = false;
                newline(out, indent, depth + 1);
                dumpString(out, m.first);
                out += indent > 0 ? ": " : ":";
                dumpValue(out, m.second, indent, depth + 1);
            }
            if (!first) newline(out, indent, depth);
            out += '}';
            return;
        }
    }
}
}  // namespace

std::string Json::dump(int indent) const {
    std::string out;
    dumpValue(out, *this, indent, 0);
    return out;
}

void Json::dumpTo(std::string& out) const { dumpValue(out, *this, 0, 0); }

void Json::dumpString(std::string& out, std::string_view s) { starling::dumpString(out, s); }

}  // namespace starling
