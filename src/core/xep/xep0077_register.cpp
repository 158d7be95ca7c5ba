#include "core/xep/xep0077_register.h"

#include "core/util/strings.h"
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
            else if (c.name() == "instructions") form.instructions = std::string(util::trim(c.text()));
            else if (form.legacyFields.size() >= kMaxLegacyFields) return makeError("too-large", "too many fields");
            else form.legacyFields.push_back(c.name());
        } else if (c.is(ns::kDataForms, "x") && !form.hasDataForm) {
            auto parsed = parseDataForm(c);
            if (!parsed) return parsed.error();
            form.hasDataForm = true;
            form.dataForm = std::move(*parsed);
        } else if (c.is(ns::kOob, "x")) {
            form.url = std::string(util::trim(c.childText(ns::kOob, "url")));
        }
    }
    return form;
}

xml::Element registrationAnswer(const RegistrationForm& form, const FormAnswers& answers) {
    xml::Element query(ns::kRegister, "query");
    if (form.hasDataForm) {
        query.add(submitForm(form.dataForm, answers));
        return query;
    }
    for (const auto& name : form.legacyFields) {
        auto it = answers.find(name);
        query.addText(ns::kRegister, name, it == answers.end() || it->second.empty() ? std::string() : it->second.front());
    }
    return query;
}

Result<xml::Element> registrationSubmit(const RegistrationForm& form, std::string_view username,
                                        std::string_view password) {
    xml::Element query(ns::kRegister, "query");
    if (!form.hasDataForm) {
        query.addText(ns::kRegister, "username", username);
        query.addText(ns::kRegister, "password", password);
        return query;
    }
    FormAnswers answers{{"username", {std::string(username)}}, {"password", {std::string(password)}}};
    std::vector<std::string> missing = missingRequired(form.dataForm, answers);
    if (!missing.empty()) return makeError("not-acceptable", "the server requires the field '" + missing.front() + "'");
    query.add(submitForm(form.dataForm, answers));
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
