#pragma once
// Creating an account (issue 17): the server picked, its check, the server's own registration form as
// the UI draws it, and what went wrong. Filled by modules/signup_module; every text from the server is
// untrusted (display only).
#include <string>
#include <vector>

namespace starling::model {

enum class SignupStep {
    Idle,        // not creating an account (the login screen)
    Checking,    // connecting to the chosen server and asking for its form
    Form,        // the server's form is shown: the person fills it in
    Submitting,  // the answer is with the server (then logging in)
    Done,        // created and logged in
    Failed,      // this server cannot be used now: `problem` says why; another server can be picked
};

struct SignupOption {
    std::string label;
    std::string value;
};

// One field of the form as drawn: from the XEP-0004 data form (hidden fields are not drawn) or from
// the legacy XEP-0077 elements (type text-single, text-private for "password"; label empty: the UI
// names the known ones).
struct SignupField {
    std::string var;
    std::string type;   // text-single, text-private, text-multi, boolean, list-single, list-multi, fixed, jid-single
    std::string label;
    std::string desc;
    bool required = false;
    std::vector<std::string> values;  // the server's default values
    std::vector<SignupOption> options;
    bool challenge = false;     // a XEP-0158 CAPTCHA question
    std::string pictureKey;     // State::media key of its CAPTCHA picture ("" when none)
    std::string pictureError;   // "captcha-picture-missing", "captcha-picture-bad", "captcha-picture-too-large"
    std::string link;           // an http(s) media URL we do not fetch (shown for the person to open)
};

struct Signup {
    SignupStep step = SignupStep::Idle;
    std::string domain;    // the server being checked or registered on
    std::string title;
    std::vector<std::string> instructions;
    std::string webUrl;    // jabber:x:oob: the server's registration web page, if it gave one
    std::vector<SignupField> fields;
    bool legacy = false;   // the form is XEP-0077's plain fields (no data form)
    bool captcha = false;  // the form asks a XEP-0158 CAPTCHA
    int formVersion = 0;   // increments with every new form (the UI resets what it kept of the old one)
    // Why the last step failed, a code the UI translates: "registration-closed", "unreachable",
    // "no-endpoint", "bad-domain", "form-too-large", "form-unusable", "registration-conflict",
    // "registration-not-acceptable", "captcha-failed", "invite-invalid", "missing-field", "bad-username",
    // "server-error"; "" when none. `detail`: the server's text or the field concerned.
    std::string problem;
    std::string detail;
    // An invitation (XEP-0401 / XEP-0379) opened the page: its server, and who is befriended afterwards.
    bool invited = false;
    std::string inviter;  // bare JID, "" for an account invitation
};

}  // namespace starling::model
