#pragma once
// XEP-0004 Data Forms: a form as the server sends it (type "form"), with the XEP-0221 media elements a
// field may hold (CAPTCHA pictures, XEP-0158), and the "submit" form we answer with. Plain values;
// every string in them is untrusted text (display only, never a format or an ImGui ID).
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

struct FormOption {
    std::string label;
    std::string value;
};

// XEP-0221: one <uri/> of a field's <media/>.
struct FormMedia {
    std::string mime;  // the uri's type attribute, e.g. image/png
    std::string uri;   // trimmed: cid:…@bob.xmpp.org (XEP-0231) or http(s)://…
    int width = 0;     // the <media/>'s width/height, 0 when absent
    int height = 0;
};

struct FormField {
    std::string var;             // empty only for a fixed field
    std::string type;            // text-single (the default when absent), text-private, boolean, …
    std::string label;
    std::string desc;
    bool required = false;
    std::vector<std::string> values;
    std::vector<FormOption> options;  // list-single / list-multi
    std::vector<FormMedia> media;
    std::string value() const { return values.empty() ? std::string() : values.front(); }
};

struct DataForm {
    std::string type;   // form, submit, cancel, result
    std::string title;
    std::vector<std::string> instructions;
    std::vector<FormField> fields;
    const FormField* field(std::string_view var) const;
    std::string formType() const;  // the hidden FORM_TYPE value, "" when none
};

// A hostile server's form cannot make us allocate or draw without bound: a form with more of anything
// is refused as a whole (Error "too-large").
struct FormLimits {
    std::size_t maxFields = 100;
    std::size_t maxOptions = 200;   // per field
    std::size_t maxValues = 50;     // per field
    std::size_t maxMedia = 8;       // uris per field
    std::size_t maxTextBytes = 4096;  // per label, desc, value, instruction, title: longer is cut
};

// Parses <x xmlns='jabber:x:data'/>. Errors: "bad-payload" (not a data form), "too-large".
Result<DataForm> parseDataForm(const xml::Element& x, const FormLimits& limits = {});

// The person's answers by field var (a boolean is "1"/"0", a list-multi several values).
using FormAnswers = std::map<std::string, std::vector<std::string>>;

// Required fields (not hidden, not fixed) left without a value by `answers` (nor a default value).
std::vector<std::string> missingRequired(const DataForm& form, const FormAnswers& answers);

// <x type='submit'/>: FORM_TYPE and hidden fields echoed (type hidden), every other field with a var
// and not fixed gets its answer, or its default value; fields with neither are left out.
xml::Element submitForm(const DataForm& form, const FormAnswers& answers);

}  // namespace starling::xep
