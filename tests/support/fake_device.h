#pragma once
// The platform a Client runs on in unit tests, fuzz targets and benchmarks: the fakes of tests/support/
// (nothing happens unless the test says so) and a real Store in a directory of the caller's.
#include <string>

#include "core/client.h"
#include "core/storage/store.h"
#include "support/fake_clock.h"
#include "support/fake_platform.h"
#include "support/fake_random.h"
#include "support/fake_transport.h"

namespace starling::test {

struct FakeDevice {
    explicit FakeDevice(const std::string& storeDir) : store(storeDir) {}

    Platform platform() { return Platform{transport, http, persistence, random, clock, store}; }

    FakeTransport transport;
    FakeHttp http;
    FakePersistence persistence;
    FakeRandom random;
    FakeClock clock;
    storage::Store store;
};

}  // namespace starling::test
