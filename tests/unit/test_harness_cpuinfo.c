/*
 * test_harness_cpuinfo.c -- harness/cpuinfo.h on /proc/cpuinfo texts: the
 * model name and other values, the hypervisor flag (present, absent, no
 * flags line at all), lines without ':' and a file cut without a newline.
 */
#include <string.h>

#include "../tap.h"
#include "cpuinfo.h"

static const char vm[] =
    "processor\t: 0\n"
    "vendor_id\t: AuthenticAMD\n"
    "model name\t: AMD EPYC 7B13 \t\n"
    "cpu MHz\t\t: 2449.998\n"
    "flags\t\t: fpu vme de pse tsc msr hypervisor lahf_lm\n"
    "\n"
    "processor\t: 1\n"
    "model name\t: Other Name\n"
    "flags\t\t: fpu\n";

static const char metal[] =
    "processor\t: 0\n"
    "model name\t: \n"
    "model name\t: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz\n"
    "flags\t\t: fpu vme nohypervisor\n"
    "flags\t\t: fpu hypervisor\n";

static const char arm[] =
    "processor\t: 0\n"
    "BogoMIPS\t: 48.00\n"
    "Features\t: fp asimd evtstrm\n"
    "flags without a colon hypervisor\n"
    "CPU implementer\t: 0x41";

int main(void)
{
    char out[64];
    is_int(cpuinfo_find(vm, sizeof vm - 1, "model name", out, sizeof out), 1, "model name found");
    is_str(out, "AMD EPYC 7B13", "the first one, trailing blanks trimmed");
    cpuinfo_find(vm, sizeof vm - 1, "cpu MHz", out, sizeof out);
    is_str(out, "2449.998", "cpu MHz, the tabs after the key skipped");
    is_int(cpuinfo_hypervisor_in(vm, sizeof vm - 1), 1, "a VM: the flag is listed");

    cpuinfo_find(metal, sizeof metal - 1, "model name", out, sizeof out);
    is_str(out, "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", "an empty model name is passed over");
    is_int(cpuinfo_hypervisor_in(metal, sizeof metal - 1), 0,
           "only the first flags line counts, and only a word that starts with the flag");

    is_int(cpuinfo_find(arm, sizeof arm - 1, "model name", out, sizeof out), 0, "no model name: 0");
    is_str(out, "", "and out is \"\"");
    is_int(cpuinfo_hypervisor_in(arm, sizeof arm - 1), -1, "no flags line with ':': -1 (unknown)");
    cpuinfo_find(arm, sizeof arm - 1, "CPU implementer", out, sizeof out);
    is_str(out, "0x41", "the last line, without a newline");

    char small[5];
    cpuinfo_find(vm, sizeof vm - 1, "model name", small, sizeof small);
    is_str(small, "AMD ", "cut to size - 1 bytes");
    is_int(cpuinfo_hypervisor_in("flags\t: hypervisor\n", 18), 1, "the flag first in the list");
    is_int(cpuinfo_hypervisor_in("", 0), -1, "an empty text: unknown");

    size_t len = 0;
    const char *text = cpuinfo_text(&len);
    ok(text != NULL && strlen(text) == len, "cpuinfo_text: the machine's file, its length");
    ok(cpuinfo_text(NULL) == text, "read once: the same text again");
    char model[256];
    cpuinfo_find(text, len, "model name", model, sizeof model);
    is_str(cpuinfo_model(), model, "cpuinfo_model is cpuinfo_find on it");
    is_int(cpuinfo_hypervisor(), cpuinfo_hypervisor_in(text, len),
           "cpuinfo_hypervisor is cpuinfo_hypervisor_in on it");
    return tap_done();
}
