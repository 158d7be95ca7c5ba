#pragma once
// XEP-0158 CAPTCHA forms as a server puts them into registration (§9 "Extended In-Band Registration"):
// a data form whose challenge fields (ocr, qa, picture_recog, …) may point through a XEP-0221 media
// element at a picture carried as XEP-0231 bits of binary in the same stanza.
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "core/xep/xep0004_data_forms.h"
#include "core/xep/xep0231_bob.h"
#include "core/xml/element.h"

namespace starling::xep {

// The form asks a CAPTCHA: FORM_TYPE urn:xmpp:captcha, or a hidden "challenge" field beside a
// challenge field (§9 keeps FORM_TYPE jabber:iq:register).
bool isCaptchaForm(const DataForm& form);

// A field that is a challenge of §5 (ocr, qa, picture_q, picture_recog, speech_q, speech_recog,
// video_q, video_recog, audio_recog, or a hash name such as SHA-256).
bool isChallengeField(const FormField& field);

// The cid of the field's first picture (a media uri of type image/* with a cid: URI), "" when none.
std::string pictureCid(const FormField& field);

// The field's picture from the stanza (`scope`: the iq or its query). Errors: "item-not-found" (the
// field names no picture, or the stanza lacks it), "bad-payload", "too-large".
Result<BobData> captchaPicture(const FormField& field, const xml::Element& scope);

}  // namespace starling::xep
