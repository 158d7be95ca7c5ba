#include "core/xep/xep0363_upload.h"

#include <charconv>

#include "core/xep/xep0030_disco.h"
#include "core/xml/ns.h"

namespace starling::xep {
namespace {

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::uint64_t parseSize(std::string_view text) {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size() ? v : 0;
}

bool httpUrl(std::string_view url) {
    const std::string_view rest = url.starts_with("https://") ? url.substr(8) : url.starts_with("http://") ? url.substr(7) : "";
    if (rest.empty() || rest.front() == '/') return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
    return true;
}

}  // namespace

xml::Element discoItemsIq(const std::string& to) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.setAttr("to", to);
    iq.add(ns::kDiscoItems, "query");
    return iq;
}

std::vector<std::string> discoItemJids(const xml::Element& query) {
    std::vector<std::string> jids;
    for (const xml::Element* item : query.childrenNamed(ns::kDiscoItems, "item"))
        if (!item->attr("jid").empty()) jids.emplace_back(item->attr("jid"));
    return jids;
}

std::optional<UploadService> uploadServiceFrom(const std::string& jid, const xml::Element& query) {
    const DiscoInfo info = parseDiscoInfo(query);
    if (!info.hasFeature(ns::kHttpUpload)) return std::nullopt;
    UploadService service{jid, 0};
    for (const xml::Element* form : query.childrenNamed(ns::kDataForms, "x")) {
        bool ours = false;
        std::string_view max;
        for (const xml::Element* field : form->childrenNamed(ns::kDataForms, "field")) {
            const std::string_view value = field->childText(ns::kDataForms, "value");
            if (field->attr("var") == "FORM_TYPE" && value == ns::kHttpUpload) ours = true;
            if (field->attr("var") == "max-file-size") max = value;
        }
        if (ours && !max.empty()) service.maxFileSize = parseSize(max);
    }
    return service;
}

xml::Element slotRequestIq(const std::string& service, const std::string& filename, std::uint64_t size,
                           const std::string& contentType) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    iq.setAttr("to", service);
    xml::Element& request = iq.add(ns::kHttpUpload, "request");
    request.setAttr("filename", filename);
    request.setAttr("size", std::to_string(size));
    if (!contentType.empty()) request.setAttr("content-type", contentType);
    return iq;
}

Result<UploadSlot> parseSlot(const xml::Element& iq) {
    const xml::Element* slot = iq.child(ns::kHttpUpload, "slot");
    const xml::Element* put = slot ? slot->child(ns::kHttpUpload, "put") : nullptr;
    const xml::Element* get = slot ? slot->child(ns::kHttpUpload, "get") : nullptr;
    if (!put || !get) return makeError("upload-bad-slot", "slot without put or get");
    UploadSlot s;
    s.putUrl = std::string(put->attr("url"));
    s.getUrl = std::string(get->attr("url"));
    if (!httpUrl(s.putUrl) || !httpUrl(s.getUrl)) return makeError("upload-bad-slot", "slot URL is not http(s)");
    for (const xml::Element* h : put->childrenNamed(ns::kHttpUpload, "header")) {
        const std::string_view name = h->attr("name");
        const std::string& value = h->text();
        const bool allowed = equalsNoCase(name, "Authorization") || equalsNoCase(name, "Cookie") || equalsNoCase(name, "Expires");
        if (!allowed || value.find_first_of("\r\n") != std::string::npos) continue;
        s.headers.emplace_back(std::string(name), value);
    }
    return s;
}

std::uint64_t fileTooLargeLimit(const xml::Element& errorIq) {
    const xml::Element* error = errorIq.child(ns::kClient, "error");
    const xml::Element* tooLarge = error ? error->child(ns::kHttpUpload, "file-too-large") : nullptr;
    return tooLarge ? parseSize(tooLarge->childText(ns::kHttpUpload, "max-file-size")) : 0;
}

}  // namespace starling::xep
