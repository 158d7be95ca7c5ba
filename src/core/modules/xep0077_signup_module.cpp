#include "core/modules/xep0077_signup_module.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "core/crypto/hash.h"
#include "core/jid/jid.h"
#include "core/media/media_policy.h"
#include "core/modules/account_module.h"
#include "core/modules/rfc6121_roster_module.h"
#include "core/util/strings.h"
#include "core/xep/xep0158_captcha.h"
#include "core/xep/xep0379_pars.h"
#include "core/xml/ns.h"

namespace starling::modules {
namespace {

using model::SignupStep;

bool isActiveStep(SignupStep s) {
    return s == SignupStep::Checking || s == SignupStep::Form || s == SignupStep::Submitting;
}

// The domain typed or configured, normalized; "" when it is not a domain.
std::string domainOf(std::string_view text) {
    auto j = jid::Jid::parse(util::trim(text));
    return j && j->isDomainOnly() ? j->domain() : std::string();
}

void wipeAnswers(xep::FormAnswers& answers) {
    for (auto& [var, values] : answers)
        for (auto& v : values) crypto::secureZero(v.data(), v.size());
    answers.clear();
}

std::string firstAnswer(const xep::FormAnswers& answers, const char* var) {
    auto it = answers.find(var);
    return it == answers.end() || it->second.empty() ? std::string() : it->second.front();
}

}  // namespace

SignupModule::SignupModule(Core& core, AccountModule& account, RosterModule& roster)
    : Module(core), m_account(account), m_roster(roster) {}

bool SignupModule::active() const { return isActiveStep(m_core.state.signup.step); }

void SignupModule::setProblem(const std::string& code, const std::string& detail) {
    m_core.state.signup.problem = code;
    m_core.state.signup.detail = detail;
    m_core.touch();
}

void SignupModule::dropPictures() {
    for (const auto& f : m_core.state.signup.fields)
        if (!f.pictureKey.empty()) m_core.state.media.erase(f.pictureKey);
}

void SignupModule::check(const std::string& domain, const std::string& websocket) {
    model::Signup& s = m_core.state.signup;
    const std::string d = domainOf(domain);
    if (d.empty()) {
        s.step = SignupStep::Failed;
        s.domain = std::string(util::trim(domain)).substr(0, 256);
        setProblem("bad-domain", "");
        return;
    }
    if (!s.invited || d != s.domain) {  // another server than the invitation's: a plain sign-up
        s.invited = false;
        s.inviter.clear();
        m_token.clear();
        m_befriendToken.clear();
    }
    start(d, websocket);
}

bool SignupModule::openInvitation(const std::string& uri) {
    auto inv = xep::parseInvitation(util::trim(uri));
    model::Signup& s = m_core.state.signup;
    if (!inv) {
        s = {};
        s.step = SignupStep::Failed;
        setProblem("invite-invalid", inv.error().message);
        return false;
    }
    s = {};
    s.invited = true;
    s.inviter = inv->inviter();
    m_token = inv->ibr ? inv->token : std::string();
    m_befriendToken = inv->token;
    std::string websocket;
    for (const auto& server : m_account.config().servers)
        if (server.domain == inv->domain) websocket = server.websocket;
    start(inv->domain, websocket);
    return true;
}

void SignupModule::start(const std::string& domain, const std::string& websocket) {
    dropPictures();
    model::Signup& s = m_core.state.signup;
    s.step = SignupStep::Checking;
    s.domain = domain;
    s.fields.clear();
    s.instructions.clear();
    s.title.clear();
    s.webUrl.clear();
    s.problem.clear();
    s.detail.clear();
    m_form = {};
    m_core.touch();
    m_account.signup(domain, websocket, m_token);
}

void SignupModule::cancel() {
    if (active() && m_core.session.state() != stream::SessionState::Established) {
        m_core.session.stop();
        m_core.state.connection = model::Connection::LoggedOut;
        m_core.state.loginProblem = {};
    }
    dropPictures();
    m_core.state.signup = {};
    m_token.clear();
    m_befriendToken.clear();
    m_form = {};
    m_core.touch();
}

void SignupModule::form(const xml::Element& iqResult) {
    if (!active()) return;
    const xml::Element* query = iqResult.child(ns::kRegister, "query");
    auto parsed = query ? xep::parseRegistrationForm(*query) : Result<xep::RegistrationForm>(makeError("bad-payload"));
    if (!parsed) {
        m_core.session.stop();
        m_core.state.connection = model::Connection::Failed;
        m_core.state.signup.step = SignupStep::Failed;
        setProblem(parsed.error().code == "too-large" ? "form-too-large" : "form-unusable", parsed.error().message);
        return;
    }
    const bool asksName = parsed->hasDataForm ? parsed->dataForm.field("username") != nullptr
                                              : std::find(parsed->legacyFields.begin(), parsed->legacyFields.end(),
                                                          "username") != parsed->legacyFields.end();
    if (!asksName) {  // nothing tells us the account's name: we could not log in after
        m_core.session.stop();
        m_core.state.connection = model::Connection::Failed;
        m_core.state.signup.step = SignupStep::Failed;
        m_core.state.signup.webUrl = parsed->url;
        setProblem("form-unusable", parsed->instructions);
        return;
    }
    m_form = std::move(*parsed);
    showForm(m_form, iqResult);
}

void SignupModule::showForm(const xep::RegistrationForm& form, const xml::Element& iqResult) {
    dropPictures();
    model::Signup& s = m_core.state.signup;
    s.step = SignupStep::Form;
    ++s.formVersion;
    s.fields.clear();
    s.legacy = !form.hasDataForm;
    s.captcha = form.hasDataForm && xep::isCaptchaForm(form.dataForm);
    s.title = form.hasDataForm ? form.dataForm.title : std::string();
    s.instructions = form.hasDataForm ? form.dataForm.instructions : std::vector<std::string>{};
    if (s.instructions.empty() && !form.instructions.empty()) s.instructions.push_back(form.instructions);
    s.webUrl = form.url;
    if (!form.hasDataForm) {
        for (const auto& name : form.legacyFields) {
            model::SignupField f;
            f.var = name;
            f.type = name == "password" ? "text-private" : "text-single";
            f.required = true;  // XEP-0077 §3.1: the fields the host requires
            s.fields.push_back(std::move(f));
        }
        m_core.touch();
        return;
    }
    for (const auto& src : form.dataForm.fields) {
        if (src.type == "hidden") continue;
        model::SignupField f;
        f.var = src.var;
        f.type = src.type;
        f.label = src.label;
        f.desc = src.desc;
        f.required = src.required;
        f.values = src.values;
        for (const auto& o : src.options) f.options.push_back({o.label, o.value});
        f.challenge = s.captcha && xep::isChallengeField(src);
        if (!xep::pictureCid(src).empty()) {
            auto bob = xep::captchaPicture(src, iqResult);
            if (!bob) {
                f.pictureError = bob.error().code == "too-large" ? "captcha-picture-too-large" : "captcha-picture-missing";
            } else {
                const media::ImageProbe probe = media::probeImage(bob->bytes);
                if (probe.format == media::ImageFormat::None) {
                    f.pictureError = "captcha-picture-bad";
                } else if (std::uint64_t(probe.width) * std::uint64_t(probe.height) > kMaxPicturePixels) {
                    f.pictureError = "captcha-picture-too-large";
                } else {
                    f.pictureKey = "signup:" + std::to_string(s.formVersion) + ":" + bob->cid;
                    m_core.state.media.put(f.pictureKey, std::make_shared<const std::string>(std::move(bob->bytes)));
                }
            }
        }
        for (const auto& m : src.media)
            if (f.pictureKey.empty() && f.link.empty() && (m.uri.rfind("https://", 0) == 0 || m.uri.rfind("http://", 0) == 0))
                f.link = m.uri;
        s.fields.push_back(std::move(f));
    }
    m_core.touch();
}

bool SignupModule::submit(const xep::FormAnswers& given) {
    model::Signup& s = m_core.state.signup;
    xep::FormAnswers answers = given;
    if (s.step != SignupStep::Form) {
        wipeAnswers(answers);
        return false;
    }
    std::vector<std::string> missing;
    if (m_form.hasDataForm) {
        missing = xep::missingRequired(m_form.dataForm, answers);
    } else {
        for (const auto& name : m_form.legacyFields)
            if (firstAnswer(answers, name.c_str()).empty()) missing.push_back(name);
    }
    if (!missing.empty()) {
        std::string label = missing.front();
        for (const auto& f : s.fields)
            if (f.var == missing.front() && !f.label.empty()) label = f.label;
        wipeAnswers(answers);
        setProblem("missing-field", label);
        return false;
    }
    auto account = jid::Jid::fromParts(util::trim(firstAnswer(answers, "username")), s.domain);
    if (!account || account->local().empty()) {
        wipeAnswers(answers);
        setProblem("bad-username", "");
        return false;
    }
    answers["username"] = {account->local()};
    xml::Element query = xep::registrationAnswer(m_form, answers);
    std::string password = firstAnswer(answers, "password");
    wipeAnswers(answers);
    m_account.signupAccount(account->bareString());
    if (!m_core.session.submitRegistration(std::move(query), account->local(), std::move(password))) {
        s.step = SignupStep::Failed;
        setProblem("unreachable", "");
        return false;
    }
    s.step = SignupStep::Submitting;
    setProblem("", "");
    return true;
}

void SignupModule::refused(const Error& error) {
    if (m_core.state.signup.step != SignupStep::Submitting) return;
    std::string code = "registration-closed";
    if (error.code == "conflict") code = "registration-conflict";
    else if (error.code == "not-acceptable") code = m_core.state.signup.captcha ? "captcha-failed" : "registration-not-acceptable";
    m_core.state.signup.step = SignupStep::Checking;  // the next form is on its way
    setProblem(code, error.message);
}

void SignupModule::failed(const std::string& problem, const std::string& detail) {
    model::Signup& s = m_core.state.signup;
    if (!isActiveStep(s.step)) return;
    dropPictures();
    s.fields.clear();
    s.step = SignupStep::Failed;
    setProblem(problem, detail);
}

void SignupModule::onEstablished() {
    model::Signup& s = m_core.state.signup;
    if (s.step != SignupStep::Submitting) return;
    dropPictures();
    s.fields.clear();
    s.step = SignupStep::Done;
    m_befriend = s.inviter;
    m_form = {};
    m_token.clear();
    m_core.touch();
}

void SignupModule::onOnline() {
    if (m_befriend.empty()) return;
    const std::string inviter = std::exchange(m_befriend, {});
    const std::string token = std::exchange(m_befriendToken, {});
    for (const auto& item : m_core.state.roster)
        if (item.jid == inviter && (item.subscription == "to" || item.subscription == "both")) return;  // the server did it
    m_roster.addContact(inviter, "", token);  // XEP-0379: a subscription the inviter pre-approved
}

}  // namespace starling::modules
