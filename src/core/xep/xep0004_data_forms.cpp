#include "core/xep/xep0004_data_forms.h"

#include "core/util/strings.h"
#include "core/xml/ns.h"

namespace starling::xep {
namespace {

std::string bounded(std::string_view text, std::size_t maxBytes) {
    text = util::trim(text);
    if (text.size() <= maxBytes) return std::string(text);
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a code point boundary
    return std::string(text.substr(0, cut));
}

int dimension(std::string_view text) {
    int v = 0;
    for (char ch : text) {
        if (ch < '0' || ch > '9' || v > 100000) return 0;
        v = v * 10 + (ch - '0');
    }
    return v;
}

Error tooLarge(const std::string& what) { return makeError("too-large", "the form has too many " + what); }

}  // namespace

const FormField* DataForm::field(std::string_view var) const {
    for (const auto& f : fields)
        if (f.var == var) return &f;
    return nullptr;
}

std::string DataForm::formType() const {
    const FormField* f = field("FORM_TYPE");
    return f ? f->value() : std::string();
}

Result<DataForm> parseDataForm(const xml::Element& x, const FormLimits& limits) {
    if (!x.is(ns::kDataForms, "x")) return makeError("bad-payload", "not a jabber:x:data form");
    DataForm form;
    form.type = std::string(x.attr("type"));
    const std::size_t cap = limits.maxTextBytes;
    for (const xml::Element& c : x.children()) {
        if (c.ns() != ns::kDataForms) continue;
        if (c.name() == "title") {
            form.title = bounded(c.text(), cap);
        } else if (c.name() == "instructions") {
            if (form.instructions.size() >= limits.maxValues) return tooLarge("instructions");
            form.instructions.push_back(bounded(c.text(), cap));
        } else if (c.name() == "field") {
            if (form.fields.size() >= limits.maxFields) return tooLarge("fields");
            FormField f;
            f.var = bounded(c.attr("var"), 256);
            f.type = c.hasAttr("type") ? std::string(c.attr("type")) : "text-single";
            if (f.var.empty() && f.type != "fixed") continue;  // nothing to answer it by
            f.label = bounded(c.attr("label"), cap);
            f.desc = bounded(c.childText(ns::kDataForms, "desc"), cap);
            f.required = c.child(ns::kDataForms, "required") != nullptr;
            for (const xml::Element& e : c.children()) {
                if (e.is(ns::kDataForms, "value")) {
                    if (f.values.size() >= limits.maxValues) return tooLarge("values");
                    f.values.push_back(bounded(e.text(), cap));
                } else if (e.is(ns::kDataForms, "option")) {
                    if (f.options.size() >= limits.maxOptions) return tooLarge("options");
                    f.options.push_back({bounded(e.attr("label"), cap), bounded(e.childText(ns::kDataForms, "value"), cap)});
                } else if (e.is(ns::kMediaElement, "media")) {
                    for (const xml::Element* u : e.childrenNamed(ns::kMediaElement, "uri")) {
                        if (f.media.size() >= limits.maxMedia) return tooLarge("pictures");
                        f.media.push_back({bounded(u->attr("type"), 128), bounded(u->text(), cap),
                                           dimension(e.attr("width")), dimension(e.attr("height"))});
                    }
                }
            }
            form.fields.push_back(std::move(f));
        }
    }
    return form;
}

namespace {
const std::vector<std::string>* answerOf(const FormAnswers& answers, const FormField& f) {
    auto it = answers.find(f.var);
    return it == answers.end() ? nullptr : &it->second;
}
bool hasValue(const std::vector<std::string>& v) {
    for (const auto& s : v)
        if (!s.empty()) return true;
    return false;
}
}  // namespace

std::vector<std::string> missingRequired(const DataForm& form, const FormAnswers& answers) {
    std::vector<std::string> missing;
    for (const auto& f : form.fields) {
        if (!f.required || f.type == "hidden" || f.type == "fixed") continue;
        const auto* a = answerOf(answers, f);
        if (!(a ? hasValue(*a) : hasValue(f.values))) missing.push_back(f.var);
    }
    return missing;
}

xml::Element submitForm(const DataForm& form, const FormAnswers& answers) {
    xml::Element x(ns::kDataForms, "x");
    x.setAttr("type", "submit");
    for (const auto& f : form.fields) {
        if (f.type == "fixed" || f.var.empty()) continue;
        const bool hidden = f.type == "hidden" || f.var == "FORM_TYPE";
        const auto* a = hidden ? nullptr : answerOf(answers, f);
        const std::vector<std::string>& values = a ? *a : f.values;
        if (!hasValue(values)) continue;
        xml::Element& field = x.add(ns::kDataForms, "field");
        field.setAttr("var", f.var);
        if (hidden) field.setAttr("type", "hidden");
        for (const auto& v : values)
            if (!v.empty() || values.size() == 1) field.addText(ns::kDataForms, "value", v);
    }
    return x;
}

}  // namespace starling::xep
