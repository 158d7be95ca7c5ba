#pragma once
// Errors are values: Result<T> in the shape of std::expected<T, Error>.
#include <string>
#include <utility>
#include <variant>

namespace starling {

struct Error {
    std::string code;     // machine-readable, e.g. "not-authorized", "bad-frame"
    std::string message;  // human-readable detail (English, for logs)
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}
    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_err(std::move(error)), m_ok(false) {}
    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_err; }

private:
    Error m_err;
    bool m_ok = true;
};

inline Error makeError(std::string code, std::string message = {}) {
    return Error{std::move(code), std::move(message)};
}

}  // namespace starling
