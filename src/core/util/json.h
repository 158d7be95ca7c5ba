#pragma once
// A small strict JSON value (RFC 8259) for config.json, settings and storage.
// Objects keep their keys in insertion/document order; duplicate keys are rejected by parse().
// Numbers keep an exact int64 when the text is an integer that fits, else a double.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/util/result.h"

namespace starling {

class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<Json>;
    using Member = std::pair<std::string, Json>;
    using Object = std::vector<Member>;

    struct Limits {
        std::size_t maxDepth = 64;          // nesting of arrays/objects
        std::size_t maxBytes = 64u << 20;  // whole text
    };

    Json() = default;  // null
    Json(std::nullptr_t) {}
    Json(bool b) : m_type(Type::Bool), m_bool(b) {}
    template <class T>
        requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, std::int64_t>)
    Json(T n) : Json(static_cast<std::int64_t>(n)) {}
    Json(std::int64_t n) : m_type(Type::Number), m_isInt(true), m_int(n), m_double(static_cast<double>(n)) {}
    Json(double d) : m_type(Type::Number), m_double(d) {}
    Json(const char* s) : m_type(Type::String), m_string(s) {}
    Json(std::string_view s) : m_type(Type::String), m_string(s) {}
    Json(std::string s) : m_type(Type::String), m_string(std::move(s)) {}
    Json(Array a) : m_type(Type::Array), m_array(std::move(a)) {}
    Json(Object o) : m_type(Type::Object), m_object(std::move(o)) {}
    static Json array() { return Json(Array{}); }
    static Json object() { return Json(Object{}); }

    // Error code "bad-json" with a reason and byte offset on failure.
    static Result<Json> parse(std::string_view text, const Limits& limits);
    static Result<Json> parse(std::string_view text) { return parse(text, Limits{}); }
    // Compact by default; indent > 0 pretty-prints with that many spaces. Strings are emitted as UTF-8
    // (invalid UTF-8 becomes U+FFFD); non-finite numbers become null.
    std::string dump(int indent = 0) const;
    // Appends the compact text to `out` (a caller that knows the size reserves once: no regrowth copies).
    void dumpTo(std::string& out) const;
    // Appends `s` as a JSON string (quoted, escaped; invalid UTF-8 becomes U+FFFD), as dump() writes it:
    // for a caller that writes a huge string without copying it into a Json first.
    static void dumpString(std::string& out, std::string_view s);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isInteger() const { return m_type == Type::Number && m_isInt; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    // Typed reads with a fallback when the type differs.
    bool asBool(bool fallback = false) const { return isBool() ? m_bool : fallback; }
    double asDouble(double fallback = 0) const { return isNumber() ? m_double : fallback; }
    std::int64_t asInt(std::int64_t fallback = 0) const;  // doubles are truncated if they fit
    const std::string& asString() const;                  // "" unless a string
    std::string asString(std::string_view fallback) const { return isString() ? m_string : std::string(fallback); }

    // Arrays (empty unless an array).
    const Array& items() const;
    Json& push(Json value);  // turns null into an array first; returns the pushed element
    // Objects (empty unless an object).
    const Object& members() const;
    const Json* find(std::string_view key) const;
    Json* find(std::string_view key);
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    Json& set(std::string_view key, Json value);  // replaces in place or appends; null becomes an object
    bool erase(std::string_view key);

    // Lookups that never fail: a missing key/index or a wrong type yields a shared null.
    const Json& operator[](std::string_view key) const;
    const Json& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
    template <class T>
        requires std::is_integral_v<T>
    const Json& operator[](T index) const {
        if constexpr (std::is_signed_v<T>) {
            if (index < 0) return at(static_cast<std::size_t>(-1));
        }
        return at(static_cast<std::size_t>(index));
    }
    const Json& at(std::size_t index) const;
    std::size_t size() const;  // elements of an array or members of an object, else 0

    // Convenience readers for object members.
    std::string getString(std::string_view key, std::string_view fallback = {}) const {
        return (*this)[key].asString(fallback);
    }
    std::int64_t getInt(std::string_view key, std::int64_t fallback = 0) const {
        const Json& v = (*this)[key];
        return v.isNumber() ? v.asInt() : fallback;
    }
    bool getBool(std::string_view key, bool fallback = false) const { return (*this)[key].asBool(fallback); }

    // Structural equality: numbers compare by value; object key order matters not.
    friend bool operator==(const Json& a, const Json& b);

private:
    friend class JsonParser;
    Type m_type = Type::Null;
    bool m_bool = false;
    bool m_isInt = false;
    std::int64_t m_int = 0;
    double m_double = 0;
    std::string m_string;
    Array m_array;
    Object m_object;
};

}  // namespace starling
