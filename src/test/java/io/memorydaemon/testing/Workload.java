// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

/**
 * The memory a test's hogs and pools hold: a python3 script (started under a unique command name, a link to
 * python3), which fills and touches its memory at once ({@code b'\x01' * n} writes every page) and sleeps.
 *
 * <ul>
 *   <li>{@code hog MIB [ignore-term] [rename NAME]}: one process; {@code ignore-term}: SIGTERM only leaves a file
 *       {@code got-term} beside the script; {@code rename} sets its kernel name
 *       ({@code prctl(PR_SET_NAME)}), as any user can, after it started under its unique name.</li>
 *   <li>{@code grow STEP_MIB EVERY_MS MAX_MIB}: one process taking STEP_MIB more every EVERY_MS, up to MAX_MIB, as
 *       a job whose memory runs away does.</li>
 *   <li>{@code pool WORKERS MIB [respawn] [ignore-term]}: a master in a process group of its own (as a shell with job
 *       control starts a job), forking workers of MIB each; with {@code respawn} it forks a new worker for each one
 *       that dies, as worker pools do.</li>
 * </ul>
 * It prints {@code ready PID…} (every pid of it) once all memory is touched.
 */
final class Workload {
    private Workload() { }

    static final String SCRIPT = """
            import ctypes, os, signal, sys, time
            args = sys.argv[1:]
            def hold(mib):
                return b'\\x01' * (mib << 20)
            def ignore(flag):
                # SIGTERM does nothing but leave a mark beside the script, for a test to see it was sent
                mark = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), 'got-term')
                if flag in args:
                    signal.signal(signal.SIGTERM, lambda signum, frame: open(mark, 'a').close())
            if args[0] == 'hog':
                ignore('ignore-term')
                block = hold(int(args[1]))
                if 'rename' in args:
                    name = args[args.index('rename') + 1].encode()
                    ctypes.CDLL(None).prctl(15, ctypes.c_char_p(name), 0, 0, 0)
                print('ready', os.getpid(), flush=True)
                while True:
                    time.sleep(600)
            if args[0] == 'grow':
                step, every, top = int(args[1]), int(args[2]) / 1000, int(args[3])
                blocks = []
                print('ready', os.getpid(), flush=True)
                while len(blocks) * step < top:
                    blocks.append(hold(step))
                    time.sleep(every)
                while True:
                    time.sleep(600)
            os.setpgid(0, 0)
            ignore('ignore-term')
            workers, mib = int(args[1]), int(args[2])
            r, w = os.pipe()
            def worker():
                pid = os.fork()
                if pid == 0:
                    os.close(r)
                    block = hold(mib)
                    os.write(w, b'.')
                    while True:
                        time.sleep(600)
                return pid
            pids = [worker() for _ in range(workers)]
            got = 0
            while got < workers:
                got += len(os.read(r, workers))
            print('ready', os.getpid(), *pids, flush=True)
            sys.stdout.close()
            while True:
                dead, _ = os.wait()
                if 'respawn' in args:
                    worker()
            """;
}
