/* h = a * B for libsignal-protocol-c's ref10 Ed25519 code, built in place of its ge_scalarmult_base.c
 * (cmake/deps.cmake). That file carries a 30 KB table of precomputed multiples of B (base.h) that gzip
 * cannot shrink: a quarter of the first load's data. libsignal needs a * B only to sign (XEdDSA: a signed
 * pre-key when an account is made or its key rotates), so a plain constant-time double-and-add over the
 * scalar's 256 bits, a few times slower, costs nothing a person notices.
 *
 * Constant time: every bit does one doubling and one addition, of B or of the neutral point, chosen with
 * fe_cmov (no branch and no memory access depends on the scalar). Checked against the ref10 double-scalar
 * multiplication and the RFC 8032 test keys (tests/unit/ed25519_base_test.cpp). */
#include "ge.h"

/* The odd multiples of B that ge_double_scalarmult.c uses; its first entry is B itself. */
static const ge_precomp kBaseMultiples[8] = {
#include "base2.h"
};

static void select_base(ge_precomp* t, unsigned int bit) {
    ge_precomp_0(t);
    fe_cmov(t->yplusx, kBaseMultiples[0].yplusx, bit);
    fe_cmov(t->yminusx, kBaseMultiples[0].yminusx, bit);
    fe_cmov(t->xy2d, kBaseMultiples[0].xy2d, bit);
}

/* Preconditions (as ref10's): a[31] <= 127. */
void ge_scalarmult_base(ge_p3* h, const unsigned char* a) {
    ge_p1p1 sum;
    ge_precomp addend;
    int i;
    ge_p3_0(h);
    for (i = 255; i >= 0; --i) {
        ge_p3_dbl(&sum, h);
        ge_p1p1_to_p3(h, &sum);
        select_base(&addend, (a[i >> 3] >> (i & 7)) & 1);
        ge_madd(&sum, h, &addend);
        ge_p1p1_to_p3(h, &sum);
    }
}
