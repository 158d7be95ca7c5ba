#pragma once
// Creating an account with the server's own form (issue 17): connect to the chosen server, check that it
// offers XEP-0077 in-band registration, show its form as it sent it (legacy fields or a XEP-0004 data
// form, with a XEP-0158 CAPTCHA whose picture is XEP-0231 data in the same stanza), send the person's
// answers, and log in with them. An invitation (XEP-0401 / XEP-0379 xmpp: link) starts on its server
// with its token, and the inviter is befriended once the account is online. State: model::Signup.
#include <string>

#include "core/modules/module.h"
#include "core/xep/xep0004_data_forms.h"
#include "core/xep/xep0077_register.h"

namespace starling::modules {

class AccountModule;
class RosterModule;

class SignupModule : public Module {
public:
    // A CAPTCHA picture larger than this (stated in its header) is not drawn.
    static constexpr std::uint64_t kMaxPicturePixels = 4'000'000;

    SignupModule(Core& core, AccountModule& account, RosterModule& roster);
    const char* name() const override { return "xep0077-signup"; }
    void onEstablished() override;
    void onOnline() override;

    // Intents. check: connect to `domain` (its WebSocket, or XEP-0156 discovery when "") and ask for its
    // form. openInvitation: an xmpp: invitation link; false (Signup::problem "invite-invalid") when it is
    // not one. submit: the person's answers by field var; false when something required is missing
    // (Signup::problem says what). cancel: back to the login screen.
    void check(const std::string& domain, const std::string& websocket);
    bool openInvitation(const std::string& uri);
    bool submit(const xep::FormAnswers& answers);
    void cancel();

    // Session and account events (wired by Client::Impl).
    void form(const xml::Element& iqResult);
    void refused(const Error& error);
    void failed(const std::string& problem, const std::string& detail);
    bool active() const;

private:
    void start(const std::string& domain, const std::string& websocket);
    void setProblem(const std::string& code, const std::string& detail);
    void showForm(const xep::RegistrationForm& form, const xml::Element& iqResult);
    void dropPictures();

    AccountModule& m_account;
    RosterModule& m_roster;
    xep::RegistrationForm m_form;  // the form being answered
    std::string m_token;           // XEP-0401 preauth, "" when none
    std::string m_befriend;        // inviter to befriend once online
    std::string m_befriendToken;
};

}  // namespace starling::modules
