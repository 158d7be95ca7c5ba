#pragma once
// Small helpers of the SDP reader and writer (jingle_sdp.h): splitting lines and fields.
#include <string>
#include <string_view>
#include <vector>

namespace starling::calls {

// Lines of an SDP (CRLF or LF), empty ones dropped.
std::vector<std::string_view> sdpLines(std::string_view sdp);
// Fields separated by runs of spaces.
std::vector<std::string_view> splitSpaces(std::string_view s);
std::string lower(std::string_view s);
// "key:value" after "a=": the value when `line` is a=key:…, else nothing (`flag` lines: a=key exactly).
bool attribute(std::string_view line, std::string_view key, std::string_view& value);
bool flag(std::string_view line, std::string_view key);

}  // namespace starling::calls
