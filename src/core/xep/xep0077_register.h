#pragma once
// XEP-0077 In-Band Registration payloads: the registration form the server sends (legacy fields and/or
// a XEP-0004 data form, as Prosody 0.12 does) and the submission with username and password.
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/xep/xep0004_data_forms.h"
#include "core/xml/element.h"

namespace starling::xep {

struct RegistrationForm {
    bool alreadyRegistered = false;         // <registered/>
    std::string instructions;               // untrusted text, display only
    std::vector<std::string> legacyFields;  // e.g. "username", "password", "email"
    bool hasDataForm = false;
    DataForm dataForm;                      // the first XEP-0004 form, when hasDataForm
    std::string url;                        // jabber:x:oob: registration on the web instead (untrusted)
};

// Legacy fields beyond this many make the form "too-large" (XEP-0077 §14.1 lists 21 known ones).
inline constexpr std::size_t kMaxLegacyFields = 40;

// <query xmlns="jabber:iq:register"/> (the payload of the iq get).
xml::Element registrationQuery();

// Parses the <query/> of the iq result. Error "bad-payload" if it is not a jabber:iq:register query,
// "too-large" when its form is over the limits (FormLimits, kMaxLegacyFields).
Result<RegistrationForm> parseRegistrationForm(const xml::Element& query);

// The <query/> for the iq set from what the person answered: the data form submitted (answers by
// field var), or else the legacy fields (answers by element name; a field left empty is sent empty).
xml::Element registrationAnswer(const RegistrationForm& form, const FormAnswers& answers);

// The <query/> for the iq set. With a data form: a submit form that echoes FORM_TYPE and hidden values
// and fills username/password; a required field we cannot fill gives Error "not-acceptable".
// Without one: the legacy <username/> and <password/>.
Result<xml::Element> registrationSubmit(const RegistrationForm& form, std::string_view username,
                                        std::string_view password);

// Maps an iq type="error" reply to a registration failure code:
// conflict → "conflict"; not-acceptable, bad-request, jid-malformed → "not-acceptable";
// anything else (not-allowed, forbidden, service-unavailable, ...) → "not-allowed".
Error registrationError(const xml::Element& iqError);
// The same mapping from a stanza error condition and its text.
Error registrationErrorFor(std::string_view condition, std::string_view text);

}  // namespace starling::xep
