#pragma once
// platform::Random from the kernel: getrandom(2), retried on EINTR and short reads. Aborts if the
// kernel cannot supply randomness (nothing sensible to do without it in a test binary).
#include <sys/random.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "platform/random.h"

namespace starling::native {

class UrandomRandom : public platform::Random {
public:
    void fill(std::uint8_t* out, std::size_t len) override {
        std::size_t done = 0;
        while (done < len) {
            const ssize_t n = ::getrandom(out + done, len - done, 0);
            if (n < 0) {
                if (errno == EINTR) continue;
                std::abort();
            }
            done += static_cast<std::size_t>(n);
        }
    }
};

}  // namespace starling::native
