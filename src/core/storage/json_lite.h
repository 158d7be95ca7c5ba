#pragma once
// A minimal JSON value for the store's own files (settings, credentials, roster, history lines).
// Local to storage until util/json.h is shared; parsing is bounded (depth) and never throws.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace starling::storage::json {

class Value {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };

    Value() = default;
    static Value boolean(bool b);
    static Value number(std::int64_t n);
    static Value string(std::string s);
    static Value array();
    static Value object();

    Kind kind() const { return m_kind; }
    bool isObject() const { return m_kind == Kind::Object; }
    bool isArray() const { return m_kind == Kind::Array; }

    // Object access: missing keys read as defaults.
    std::string str(std::string_view key) const;
    std::int64_t num(std::string_view key, std::int64_t def = 0) const;
    bool flag(std::string_view key, bool def = false) const;
    const Value* get(std::string_view key) const;
    Value& set(const std::string& key, Value v);
    Value& set(const std::string& key, std::string v) { return set(key, string(std::move(v))); }
    Value& set(const std::string& key, const char* v) { return set(key, string(v)); }
    Value& setNum(const std::string& key, std::int64_t n) { return set(key, number(n)); }
    Value& setBool(const std::string& key, bool b) { return set(key, boolean(b)); }

    const std::string& asString() const { return m_string; }
    std::int64_t asNumber() const { return m_number; }
    bool asBool() const { return m_bool; }
    const std::vector<Value>& items() const { return m_items; }
    void push(Value v) { m_items.push_back(std::move(v)); }

    std::string dump() const;  // compact, one line, UTF-8 kept as is

private:
    friend class Parser;
    void dumpTo(std::string& out) const;

    Kind m_kind = Kind::Null;
    bool m_bool = false;
    std::int64_t m_number = 0;
    std::string m_string;
    std::vector<Value> m_items;
    std::vector<std::pair<std::string, Value>> m_members;  // insertion order
};

Result<Value> parse(std::string_view text);

}  // namespace starling::storage::json
