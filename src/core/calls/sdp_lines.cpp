#include "core/calls/sdp_lines.h"

namespace starling::calls {

std::vector<std::string_view> sdpLines(std::string_view sdp) {
    std::vector<std::string_view> out;
    while (!sdp.empty()) {
        const std::size_t end = sdp.find('\n');
        std::string_view line = sdp.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) out.push_back(line);
        if (end == std::string_view::npos) break;
        sdp.remove_prefix(end + 1);
    }
    return out;
}

std::vector<std::string_view> splitSpaces(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ') ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool attribute(std::string_view line, std::string_view key, std::string_view& value) {
    if (line.size() < key.size() + 3 || line.substr(0, 2) != "a=" || line.substr(2, key.size()) != key ||
        line[2 + key.size()] != ':')
        return false;
    value = line.substr(3 + key.size());
    return true;
}

bool flag(std::string_view line, std::string_view key) {
    return line.size() == key.size() + 2 && line.substr(0, 2) == "a=" && line.substr(2) == key;
}

}  // namespace starling::calls
