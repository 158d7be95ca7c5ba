#include "core/xep/xep0320_jingle_dtls.h"

#include "core/util/strings.h"
#include "core/xml/ns.h"

namespace starling::xep {

std::optional<DtlsFingerprint> parseDtlsFingerprint(const xml::Element& transport) {
    const xml::Element* f = transport.child(ns::kJingleDtls, "fingerprint");
    if (!f || f->attr("hash").empty()) return std::nullopt;
    DtlsFingerprint out{std::string(f->attr("hash")), std::string(f->attr("setup")), std::string(util::trim(f->text()))};
    if (out.value.empty()) return std::nullopt;
    return out;
}

void addDtlsFingerprint(xml::Element& transport, const DtlsFingerprint& fingerprint) {
    xml::Element& f = transport.add(ns::kJingleDtls, "fingerprint");
    f.setAttr("hash", fingerprint.hash);
    if (!fingerprint.setup.empty()) f.setAttr("setup", fingerprint.setup);
    f.setText(fingerprint.value);
}

}  // namespace starling::xep
