#pragma once
// RAII ownership for libsignal-protocol-c handles: every handle type gets a unique_ptr with the deleter
// the library requires (reference-counted types are unreferenced, the rest freed by their own function).
#include <cstdint>
#include <memory>
#include <vector>

#include <key_helper.h>
#include <session_builder.h>
#include <session_cipher.h>
#include <signal_protocol.h>

namespace starling::omemo {

using Bytes = std::vector<std::uint8_t>;

template <class T, void (*Free)(T*)>
struct FreeWith {
    void operator()(T* p) const {
        if (p) Free(p);
    }
};

// For types derived from signal_type_base (SIGNAL_UNREF).
struct Unref {
    void operator()(void* p) const {
        if (p) signal_type_unref(static_cast<signal_type_base*>(p));
    }
};

template <class T>
using RefPtr = std::unique_ptr<T, Unref>;

using BufferPtr = std::unique_ptr<signal_buffer, FreeWith<signal_buffer, signal_buffer_free>>;
// For buffers holding key material: zeroed before they are freed.
using SecureBufferPtr = std::unique_ptr<signal_buffer, FreeWith<signal_buffer, signal_buffer_bzero_free>>;
using IntListPtr = std::unique_ptr<signal_int_list, FreeWith<signal_int_list, signal_int_list_free>>;
using ContextPtr = std::unique_ptr<signal_context, FreeWith<signal_context, signal_context_destroy>>;
using StoreContextPtr = std::unique_ptr<signal_protocol_store_context,
                                        FreeWith<signal_protocol_store_context, signal_protocol_store_context_destroy>>;
using SessionBuilderPtr = std::unique_ptr<session_builder, FreeWith<session_builder, session_builder_free>>;
using SessionCipherPtr = std::unique_ptr<session_cipher, FreeWith<session_cipher, session_cipher_free>>;
using PreKeyListPtr =
    std::unique_ptr<signal_protocol_key_helper_pre_key_list_node,
                    FreeWith<signal_protocol_key_helper_pre_key_list_node, signal_protocol_key_helper_key_list_free>>;

// Adapts a unique_ptr to the library's `T**` out-parameters (like C++23 std::out_ptr):
//   RefPtr<ec_public_key> key; curve_decode_point(OutPtr(key), ...);
template <class Ptr>
class OutPtr {
public:
    using Raw = typename Ptr::pointer;
    explicit OutPtr(Ptr& owner) : m_owner(owner) {}
    ~OutPtr() { m_owner.reset(m_raw); }
    OutPtr(const OutPtr&) = delete;
    OutPtr& operator=(const OutPtr&) = delete;
    operator Raw*() { return &m_raw; }

private:
    Ptr& m_owner;
    Raw m_raw = nullptr;
};

inline Bytes toBytes(const signal_buffer* buffer) {
    if (!buffer) return {};
    const std::uint8_t* data = signal_buffer_const_data(buffer);
    return Bytes(data, data + signal_buffer_len(buffer));
}

inline BufferPtr toBuffer(const Bytes& bytes) { return BufferPtr(signal_buffer_create(bytes.data(), bytes.size())); }

}  // namespace starling::omemo
