#pragma once
// Minimal JSON text building for the test hook (strings escaped; everything else is ours).
#include <cstdio>
#include <string>
#include <string_view>

namespace starling::web {

inline void jsonString(std::string& out, std::string_view s) {
    out += '"';
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
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
                    out += ch;  // UTF-8 passes through
                }
        }
    }
    out += '"';
}

inline void jsonKey(std::string& out, std::string_view key) {
    jsonString(out, key);
    out += ':';
}

}  // namespace starling::web
