#pragma once
// The account: log in (typed credentials, or the remembered SCRAM keys), create an account (XEP-0077,
// through the session), find the server's WebSocket (XEP-0156), remember the keys (never the password),
// retry a remembered login while the server is unreachable, and say what went wrong on the login
// screen. Settings (language, remembered account) live here too.
#include <functional>
#include <optional>
#include <string>

#include "core/modules/module.h"
#include "core/storage/formats.h"

namespace starling::modules {

class AccountModule : public Module {
public:
    static constexpr std::int64_t kDiscoveryTimeoutMs = 15000;
    static constexpr std::int64_t kRetryBaseMs = 2000;  // remembered login, server unreachable
    static constexpr std::int64_t kRetryMaxMs = 60000;
    // A link lost after the server answered (a flaky network, not a server down): at most the second
    // step (4 s), however many attempts came before, as the session's own back-off does (backoff.h).
    static constexpr int kAnsweredRetryMaxAttempt = 1;

    // `switchTo`: load another account's data (every module's onAccount).
    AccountModule(Core& core, ClientConfig config, std::function<void(const std::string&)> switchTo);
    const char* name() const override { return "account"; }
    void onEstablished() override;
    void onResumed() override { clearRetry(); }
    void onTimer(std::int64_t nowMs) override;

    const ClientConfig& config() const { return m_config; }
    void start();
    void login(const LoginRequest& request);
    // Creating an account (xep0077_signup_module): connect to `domain` without an account (`websocket`,
    // else the configured one, else XEP-0156 discovery) for its registration form; `token`: XEP-0401.
    void signup(const std::string& domain, const std::string& websocket, const std::string& token);
    // The account the answered form creates: its data is loaded, its keys remembered once logged in.
    void signupAccount(const std::string& bare);
    // Every login-screen problem (code, detail) as it is set: the sign-up module shows it too.
    std::function<void(const std::string&, const std::string&)> onProblem;
    bool reconnect();
    // "Reconnect now": the waiting attempt right away (a lost session's through the session, which
    // still resumes it; a remembered login's retry); false when none waits.
    bool reconnectNow();
    void logout(bool forgetLocalData);
    void setLanguage(const std::string& language);
    void onHttpResult(std::uint32_t id, int status, std::string_view body);
    const std::string& connectedUrl() const { return m_connectedUrl; }  // the WebSocket we use (or last used)
    void sessionState(stream::SessionState s);
    void sessionFailed(const Error& e);

private:
    struct Discovery {
        std::uint32_t xmlId = 0;
        std::uint32_t jsonId = 0;
        bool xmlDone = false;
        bool jsonDone = false;
        std::int64_t deadlineMs = 0;
    };
    bool connectRemembered(const std::string& bare);
    void discover(const std::string& domain);
    void connect(const std::string& url, stream::SessionConfig cfg);
    void problem(const std::string& code, const std::string& detail);
    void forgetRemembered();
    void clearRetry() {
        m_retryAtMs.reset();
        m_retryAttempt = 0;
    }
    void wipePassword();

    ClientConfig m_config;
    std::function<void(const std::string&)> m_switchTo;
    storage::Settings m_settings;
    // The login in progress (the password lives only until the session is established or fails).
    std::string m_password;
    std::string m_connectedUrl;
    std::string m_pinnedMechanism;  // of the account, from storage
    bool m_remember = true;
    bool m_allowPlain = false;
    bool m_registerAccount = false;
    std::string m_signupDomain;  // "" unless creating an account with the server's form
    std::string m_signupToken;
    bool m_fromRemembered = false;
    std::optional<Discovery> m_discovery;
    std::uint32_t m_nextHttpId = 1;
    std::optional<std::int64_t> m_retryAtMs;  // next remembered-login attempt
    int m_retryAttempt = 0;
    bool m_serverAnswered = false;  // the attempt in progress got as far as negotiating
};

// Session failure codes → login-screen problem codes (model::LoginProblem).
std::string loginProblemFor(const std::string& sessionCode);

}  // namespace starling::modules
