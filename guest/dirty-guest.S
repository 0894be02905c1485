/*
 * dirty-guest: the experiment's guest, a boot sector that dirties a working set at a set rate and
 * checks, page by page, that memory still holds what it last wrote there.
 *
 * Layout of the image (512-byte sectors):
 *   sector 1   real-mode boot code: loads sectors 2..GUEST_SECTORS, enters 32-bit protected mode;
 *   sector 2.. the parameter block (the host patches it before boot), then the 32-bit code.
 *
 * Every page of the working set holds (round, page index) in its first two dwords. Round r reads
 * page i, expects (r - 1, i), and writes (r, i). On the source the check cannot fail; on the
 * destination of a migration it fails for every page whose last write the migration lost.
 *
 * State that must survive a migration lives in registers only (general and MMX registers are part
 * of the migrated CPU state). Memory the guest writes outside the working set (none on the hot
 * path, no stack at all) could itself be stale on the destination, so no routine uses `call`:
 * routines return through EDI.
 *
 * Serial output on COM1, one line per event, numbers in hex:
 *   "G <base> <pages> <pages per second>"  start (pages per second 0: as fast as it can)
 *   "R"                                     working set initialised, dirtying starts
 *   "H <round> <page> <lost>"               heartbeat every 250 ms of guest time
 *   "L <page> <found round> <round>"        a lost write (the first 64 only; all are counted)
 *
 * Register use in the main loop:
 *   EBP round, EBX page index, ESI rate credit (PIT counts x pages per second)
 *   MM0 lost pages, MM1 lost lines printed, MM2 PIT counts since the last heartbeat,
 *   MM3 last PIT reading, MM7 scratch of print_hex; EAX ECX EDX EDI scratch.
 */
        .intel_syntax noprefix

        .set GUEST_SECTORS, 4
        .set PIT_HZ, 1193182
        /* PIT channel 0 reload: 1193 counts, about 1 ms per wrap. */
        .set PIT_PERIOD, 1193
        .set HEARTBEAT_COUNTS, 250 * 1193
        /* Credit cap: at most 16 pages in a burst after the guest fell behind. */
        .set CREDIT_CAP, 16 * PIT_HZ
        .set LOST_LINES_MAX, 64
        .set COM1, 0x3f8

        .section .text
        .code16
        .globl start
start:
        cli
        cld
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, 0x7c00
        /* BIOS int 13h: read sectors 2.. of the boot drive (DL) to 0x7e00. */
        mov ax, 0x0200 + GUEST_SECTORS - 1
        mov cx, 0x0002
        xor dh, dh
        mov bx, 0x7e00
        int 0x13
        jc disk_error
        /* Fast A20 gate. */
        in al, 0x92
        or al, 2
        and al, 0xfe
        out 0x92, al
        lgdt [gdt_descriptor]
        mov eax, cr0
        or eax, 1
        mov cr0, eax
        .att_syntax
        ljmp $0x08, $protected_entry
        .intel_syntax noprefix
disk_error:
        hlt
        jmp disk_error

        .p2align 3
gdt:
        .quad 0
        .quad 0x00cf9a000000ffff        /* 0x08: flat 4 GiB code, 32-bit */
        .quad 0x00cf92000000ffff        /* 0x10: flat 4 GiB data */
gdt_descriptor:
        .word gdt_descriptor - gdt - 1
        .long gdt

        .org 510
        .word 0xaa55

/* Parameter block at 0x7e00, image offset 512: the host overwrites the values after the magic. */
params:
        .ascii "DSOG"
param_base:             .long 0x00100000
param_pages:            .long 256
param_pages_per_second: .long 0

        .code32
/* Writes AL to COM1 once its transmitter is empty; clobbers AH and DX. */
        .macro PUTC_AL
        mov ah, al
        mov dx, COM1 + 5
98:     in al, dx
        test al, 0x20
        jz 98b
        mov al, ah
        mov dx, COM1
        out dx, al
        .endm

        .macro PRINT_STRING label
        mov ecx, offset \label
        mov edi, offset .Lreturn\@
        jmp print_string
.Lreturn\@:
        .endm

        .macro PRINT_HEX source
        mov eax, \source
        mov edi, offset .Lreturn\@
        jmp print_hex
.Lreturn\@:
        .endm

        .macro PIT_TICK
        mov edi, offset .Lreturn\@
        jmp pit_tick
.Lreturn\@:
        .endm

protected_entry:
        mov ax, 0x10
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov fs, ax
        mov gs, ax
        /* COM1: 115200 8N1, FIFO on, no interrupts. */
        mov dx, COM1 + 1
        xor al, al
        out dx, al
        mov dx, COM1 + 3
        mov al, 0x80
        out dx, al
        mov dx, COM1
        mov al, 1
        out dx, al
        mov dx, COM1 + 1
        xor al, al
        out dx, al
        mov dx, COM1 + 3
        mov al, 0x03
        out dx, al
        mov dx, COM1 + 2
        mov al, 0xc7
        out dx, al
        mov dx, COM1 + 4
        mov al, 0x03
        out dx, al
        /* PIT channel 0: mode 2 (rate generator), binary, reload PIT_PERIOD; polled, IF stays 0. */
        mov al, 0x34
        out 0x43, al
        mov al, PIT_PERIOD & 0xff
        out 0x40, al
        mov al, PIT_PERIOD >> 8
        out 0x40, al

        PRINT_STRING text_start
        PRINT_HEX [param_base]
        PRINT_STRING text_space
        PRINT_HEX [param_pages]
        PRINT_STRING text_space
        PRINT_HEX [param_pages_per_second]
        PRINT_STRING text_newline

        /* Round 0: every page holds (0, index). */
        xor ebx, ebx
init_page:
        cmp ebx, [param_pages]
        jae init_done
        mov edx, ebx
        shl edx, 12
        add edx, [param_base]
        mov dword ptr [edx], 0
        mov [edx + 4], ebx
        inc ebx
        jmp init_page
init_done:
        PRINT_STRING text_ready
        pxor mm0, mm0
        pxor mm1, mm1
        pxor mm2, mm2
        pxor mm3, mm3
        PIT_TICK
        pxor mm2, mm2
        xor esi, esi
        mov ebp, 1
        xor ebx, ebx

next_page:
        cmp dword ptr [param_pages_per_second], 0
        je unpaced
wait_credit:
        cmp esi, PIT_HZ
        jae have_credit
        PIT_TICK
        imul ecx, [param_pages_per_second]
        add esi, ecx
        cmp esi, CREDIT_CAP
        jbe 1f
        mov esi, CREDIT_CAP
1:      movd eax, mm2
        cmp eax, HEARTBEAT_COUNTS
        jb wait_credit
        mov edi, offset wait_credit
        jmp heartbeat
have_credit:
        sub esi, PIT_HZ
        jmp check_heartbeat
unpaced:
        /* Reading the PIT costs three port accesses: every 64 pages is often enough for a heartbeat. */
        test ebx, 63
        jnz check_heartbeat
        PIT_TICK
check_heartbeat:
        movd eax, mm2
        cmp eax, HEARTBEAT_COUNTS
        jb dirty_page
        mov edi, offset dirty_page
        jmp heartbeat

dirty_page:
        mov edx, ebx
        shl edx, 12
        add edx, [param_base]
        lea eax, [ebp - 1]
        cmp [edx], eax
        jne lost_write
        cmp [edx + 4], ebx
        jne lost_write
write_page:
        mov [edx], ebp
        mov [edx + 4], ebx
        inc ebx
        cmp ebx, [param_pages]
        jb next_page
        xor ebx, ebx
        inc ebp
        jmp next_page

lost_write:
        movd eax, mm0
        inc eax
        movd mm0, eax
        movd eax, mm1
        cmp eax, LOST_LINES_MAX
        jae write_page
        inc eax
        movd mm1, eax
        PRINT_STRING text_lost
        PRINT_HEX ebx
        PRINT_STRING text_space
        mov edx, ebx
        shl edx, 12
        add edx, [param_base]
        PRINT_HEX [edx]
        PRINT_STRING text_space
        PRINT_HEX ebp
        PRINT_STRING text_newline
        mov edx, ebx
        shl edx, 12
        add edx, [param_base]
        jmp write_page

/* Prints "H <round> <page> <lost>" and takes one period off the heartbeat counter; returns to EDI. */
heartbeat:
        movd mm6, edi
        movd eax, mm2
        sub eax, HEARTBEAT_COUNTS
        movd mm2, eax
        PRINT_STRING text_heartbeat
        PRINT_HEX ebp
        PRINT_STRING text_space
        PRINT_HEX ebx
        PRINT_STRING text_space
        movd eax, mm0
        PRINT_HEX eax
        PRINT_STRING text_newline
        movd edi, mm6
        jmp edi

/* Reads PIT channel 0; ECX = counts elapsed since the last reading, added to MM2. Clobbers EAX, EDX. */
pit_tick:
        xor al, al
        out 0x43, al
        in al, 0x40
        mov cl, al
        in al, 0x40
        mov ch, al
        movzx ecx, cx
        movd edx, mm3
        movd mm3, ecx
        /* The counter runs down from PIT_PERIOD and reloads: elapsed = previous - current (mod period). */
        mov eax, edx
        sub eax, ecx
        jae 1f
        add eax, PIT_PERIOD
1:      mov ecx, eax
        movd eax, mm2
        add eax, ecx
        movd mm2, eax
        jmp edi

/* Prints the NUL-terminated string at ECX; clobbers EAX, ECX, EDX; returns to EDI. */
print_string:
        mov al, [ecx]
        test al, al
        jz 1f
        PUTC_AL
        inc ecx
        jmp print_string
1:      jmp edi

/* Prints EAX as 8 hex digits; clobbers EAX, ECX, EDX, MM7; returns to EDI. */
print_hex:
        movd mm7, eax
        mov ecx, 8
1:      movd eax, mm7
        rol eax, 4
        movd mm7, eax
        and eax, 0x0f
        mov al, [hex_digits + eax]
        PUTC_AL
        dec ecx
        jnz 1b
        jmp edi

hex_digits:     .ascii "0123456789abcdef"
text_start:     .asciz "G "
text_ready:     .asciz "R\n"
text_heartbeat: .asciz "H "
text_lost:      .asciz "L "
text_space:     .asciz " "
text_newline:   .asciz "\n"

        .org GUEST_SECTORS * 512
