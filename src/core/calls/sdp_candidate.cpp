// a=candidate (RFC 8839 §5.1) ⇄ <candidate/> (XEP-0176), and the token checks for SDP we write.
#include "core/calls/jingle_sdp.h"

#include <cctype>

#include "core/calls/sdp_lines.h"

namespace starling::calls {

bool sdpToken(std::string_view s) {
    if (s.empty() || s.size() > 256) return false;
    for (char c : s)
        if (c <= 0x20 || c >= 0x7F) return false;
    return true;
}

bool sdpNumber(std::string_view s) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<xep::IceCandidate> candidateFromSdp(std::string_view line, std::string id) {
    if (line.substr(0, 2) == "a=") line.remove_prefix(2);
    if (line.substr(0, 10) != "candidate:") return std::nullopt;
    line.remove_prefix(10);
    const std::vector<std::string_view> f = splitSpaces(line);
    // foundation component transport priority address port "typ" type …
    if (f.size() < 8 || f[6] != "typ") return std::nullopt;
    xep::IceCandidate k;
    k.foundation = std::string(f[0]);
    k.component = std::string(f[1]);
    k.protocol = lower(f[2]);
    k.priority = std::string(f[3]);
    k.ip = std::string(f[4]);
    k.port = std::string(f[5]);
    k.type = std::string(f[7]);
    k.id = std::move(id);
    for (std::size_t i = 8; i + 1 < f.size(); i += 2) {
        const std::string_view key = f[i], value = f[i + 1];
        if (key == "raddr") k.relAddr = std::string(value);
        else if (key == "rport") k.relPort = std::string(value);
        else if (key == "generation") k.generation = std::string(value);
        else if (key == "network-id") k.network = std::string(value);
        else if (key == "tcptype") k.tcptype = std::string(value);
    }
    if (!sdpNumber(k.component) || !sdpNumber(k.port) || !sdpNumber(k.priority) || !sdpToken(k.ip)) return std::nullopt;
    return k;
}

std::string candidateToSdp(const xep::IceCandidate& k) {
    if (!sdpToken(k.foundation) || !sdpNumber(k.component) || !sdpToken(k.protocol) || !sdpNumber(k.priority) ||
        !sdpToken(k.ip) || !sdpNumber(k.port) || !sdpToken(k.type))
        return {};
    std::string out = "candidate:" + k.foundation + " " + k.component + " " + k.protocol + " " + k.priority + " " +
                      k.ip + " " + k.port + " typ " + k.type;
    if (!k.relAddr.empty() && sdpToken(k.relAddr) && sdpNumber(k.relPort))
        out += " raddr " + k.relAddr + " rport " + k.relPort;
    if (!k.tcptype.empty() && sdpToken(k.tcptype)) out += " tcptype " + k.tcptype;
    if (sdpNumber(k.generation)) out += " generation " + k.generation;
    if (sdpNumber(k.network) && k.network != "0") out += " network-id " + k.network;
    return out;
}

}  // namespace starling::calls
