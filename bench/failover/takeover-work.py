"""takeover-work.py LAB_WORK: the takeover work each keepalived-net takeover logged (master-down
timer to the first GARP), split into a process's first takeover and its later ones."""
import glob, re, sys

def main(work):
    first, later = [], []
    for log in glob.glob(f"{work}/**/keepalived.log", recursive=True):
        taken = False
        for line in open(log, errors="replace"):
            if "Starting keepalived-net" in line:
                taken = False
            m = re.search(r"takeover: addresses added.* sent ([0-9.]+) ms", line)
            if m:
                (later if taken else first).append(float(m.group(1)))
                taken = True
    for name, values in (("first takeover of a process", first), ("later takeovers", later)):
        values.sort()
        if not values:
            print(f"{name}: none")
            continue
        within = sum(v <= 2 for v in values)
        print(f"{name} (n={len(values)}): min {values[0]:.2f} median {values[len(values) // 2]:.2f} "
              f"max {values[-1]:.2f} ms, {within} within 2 ms")

main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/kn-bench")
