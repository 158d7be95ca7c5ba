#include "core/xep/xep0158_captcha.h"

#include <array>

#include "core/xml/ns.h"

namespace starling::xep {

bool isChallengeField(const FormField& field) {
    static constexpr std::array<std::string_view, 9> kChallenges = {
        "ocr", "qa", "picture_q", "picture_recog", "speech_q", "speech_recog", "video_q", "video_recog", "audio_recog"};
    for (std::string_view c : kChallenges)
        if (field.var == c) return true;
    // §5.3: a hash challenge is named by its algorithm (SHA-256, …) with the data in the label.
    return field.var.rfind("SHA-", 0) == 0 || field.var.rfind("sha-", 0) == 0;
}

bool isCaptchaForm(const DataForm& form) {
    if (form.formType() == ns::kCaptcha) return true;
    const FormField* challenge = form.field("challenge");
    if (!challenge || challenge->type != "hidden") return false;
    for (const auto& f : form.fields)
        if (isChallengeField(f)) return true;
    return false;
}

std::string pictureCid(const FormField& field) {
    for (const auto& m : field.media)
        if (m.mime.rfind("image/", 0) == 0)
            if (std::string_view cid = cidOfUri(m.uri); !cid.empty()) return std::string(cid);
    return {};
}

Result<BobData> captchaPicture(const FormField& field, const xml::Element& scope) {
    const std::string cid = pictureCid(field);
    if (cid.empty()) return makeError("item-not-found", "the field names no picture");
    return findBob(scope, cid);
}

}  // namespace starling::xep
