#include "core/xep/xep0077_register.h"

#include "core/xml/ns.h"
#include "core/xml/stanza_error.h"

namespace starling::xep {

xml::Element registrationQuery() { return xml::Element(ns::kRegister, "query"); }

Result<RegistrationForm> parseRegistrationForm(const xml::Element& query) {
    if (!query.is(ns::kRegister, "query")) return makeError("bad-payload", "not a jabber:iq:register query");
    RegistrationForm form;
    for (const auto& c : query.children()) {
        if (c.ns() == ns::kRegister) {
            if (c.name() == "registered") form.alreadyRegistered = true;
            else if (c.name() == "instructions") form.instructions = c.text();
            else form.legacyFields.push_back(c.name());
        } else if (c.is(ns::kDataForms, "x") && !form.hasDataForm) {
            form.hasDataForm = true;
            for (const auto* f : c.childrenNamed(ns::kDataForms, "field")) {
                RegisterFormField field;
                field.var = std::string(f->attr("var"));
                field.type = std::string(f->attr("type"));
                field.value = std::string(f->childText(ns::kDataForms, "value"));
                field.required = f->child(ns::kDataForms, "required") != nullptr;
                if (!field.var.empty()) form.formFields.push_back(std::move(field));
            }
        }
    }
    return form;
}

Result<xml::Element> registrationSubmit(const RegistrationForm& form, std::string_view username,
                                        std::string_view password) {
    xml::Element query(ns::kRegister, "query");
    if (!form.hasDataForm) {
        query.addText(ns::kRegister, "username", username);
        query.addText(ns::kRegister, "password", password);
        return query;
    }
    xml::Element x(ns::kDataForms, "x");
    x.setAttr("type", "submit");
    for (const auto& f : form.formFields) {
        std::string_view value = f.value;
        if (f.var == "username") value = username;
        else if (f.var == "password") value = password;
        else if (f.type == "fixed") continue;  // instructions only, never submitted
        else if (f.required && f.value.empty())
            return makeError("not-acceptable", "the server requires the field '" + f.var + "'");
        else if (f.value.empty()) continue;
        xml::Element field(ns::kDataForms, "field");
        field.setAttr("var", f.var);
        if (f.var == "FORM_TYPE") field.setAttr("type", "hidden");
        field.addText(ns::kDataForms, "value", value);
        x.add(std::move(field));
    }
    query.add(std::move(x));
    return query;
}

Error registrationError(const xml::Element& iqError) {
    const xml::StanzaErrorParts e = xml::stanzaErrorParts(iqError);
    return registrationErrorFor(e.condition, e.text);
}

Error registrationErrorFor(std::string_view condition, std::string_view text) {
    std::string code = "not-allowed";
    if (condition == "conflict") code = "conflict";
    else if (condition == "not-acceptable" || condition == "bad-request" || condition == "jid-malformed")
        code = "not-acceptable";
    std::string message = condition.empty() ? std::string("registration refused") : std::string(condition);
    if (!text.empty()) message += ": " + std::string(text);
    return makeError(code, message);
}

}  // namespace starling::xep
