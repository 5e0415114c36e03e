# The pod sandbox's process: holds the pod's network namespace and does nothing else, as
# Kubernetes' build/pause/linux/pause.c does. x86_64 Linux, no libc, so the image is one small file.
# SIGTERM and SIGINT exit 0 (PID 1 ignores signals it has no handler for, so `docker stop` would
# otherwise wait out its whole timeout); SIGCHLD is ignored with SA_NOCLDWAIT so no zombies stay.
        .globl _start
        .text
_start:
        mov     $15, %edi               # SIGTERM
        lea     on_term(%rip), %rsi
        call    install
        mov     $2, %edi                # SIGINT
        lea     on_term(%rip), %rsi
        call    install
        mov     $17, %edi               # SIGCHLD
        lea     ign(%rip), %rsi
        call    install
1:      mov     $34, %eax               # pause()
        syscall
        jmp     1b
install:                                # rt_sigaction(sig, act, NULL, 8)
        xor     %edx, %edx
        mov     $8, %r10d
        mov     $13, %eax
        syscall
        ret
exit0:
        xor     %edi, %edi
        mov     $60, %eax               # exit(0)
        syscall
        .section .rodata
        .balign 8
on_term: .quad exit0, 0x04000000, exit0, 0   # handler, SA_RESTORER (required on x86_64), restorer, mask
ign:     .quad 1, 0x04000002, exit0, 0       # SIG_IGN, SA_RESTORER|SA_NOCLDWAIT
