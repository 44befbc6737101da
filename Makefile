# mailbot: one plain Makefile. `make check` installs what is missing,
# builds, and runs every test twice: as built, and under ASan+UBSan.

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
PKGS	 = libetpan libical inih jansson libcmark gnutls libsystemd sqlite3 libcurl

# Debian's libetpan.pc leaks a dpkg -specs flag into --libs; drop it.
PKG_CFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null
PKG_LIBS   != pkg-config --libs $(PKGS) 2>/dev/null | sed 's/-specs=[^ ]*//g'

# -Wno-unused-parameter: table-driven callbacks (config keys, commands)
# share one signature and not every one needs every argument.
WARN	 = -std=c17 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
	   -Wno-unused-parameter -Wmissing-prototypes
HARDEN	 = -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
CFLAGS	?= -O2 -g
ALL_CFLAGS = $(WARN) $(HARDEN) -D_GNU_SOURCE -Imailbot -Ibuild/gen \
	   -DMAILBOT_PREFIX='"$(PREFIX)"' $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = -pie -Wl,-z,relro -Wl,-z,now $(LDFLAGS)
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all

SRCS	:= $(sort $(wildcard mailbot/*.c))
LIBSRCS	:= $(filter-out mailbot/main.c,$(SRCS))
SQL	:= $(sort $(wildcard state/*.sql))
LEX	:= lexicon/nl.tsv lexicon/en.tsv
TESTS	:= $(sort $(wildcard tests/unit/*_test.c))
TOOLSRC	:= $(sort $(wildcard tests/tools/*.c))

OBJ	 = $(patsubst mailbot/%.c,build/obj/%.o,$(LIBSRCS)) build/obj/migrations.o \
	   build/obj/lexicon.o
SANOBJ	 = $(patsubst mailbot/%.c,build/san/%.o,$(LIBSRCS)) build/san/migrations.o \
	   build/san/lexicon.o
UNIT	 = $(patsubst tests/unit/%.c,build/tests/%,$(TESTS))
SANUNIT	 = $(patsubst tests/unit/%.c,build/san/tests/%,$(TESTS))
TOOLS	 = $(patsubst tests/tools/%.c,build/tools/%,$(TOOLSRC))
SANTOOLS = $(patsubst tests/tools/%.c,build/san/tools/%,$(TOOLSRC))

all: build/mailbot

build/gen/migrations.c: $(SQL) state/sql2c.sh
	@mkdir -p $(@D)
	sh state/sql2c.sh $(SQL) > $@.tmp && mv $@.tmp $@

build/gen/lexicon.c: $(LEX) lexicon/lex2c.sh
	@mkdir -p $(@D)
	sh lexicon/lex2c.sh $(LEX) > $@.tmp && mv $@.tmp $@

build/obj/%.o: mailbot/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@
build/obj/migrations.o: build/gen/migrations.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@
build/obj/lexicon.o: build/gen/lexicon.c mailbot/lexicon.h
	$(CC) $(ALL_CFLAGS) -c $< -o $@
build/mailbot: build/obj/main.o $(OBJ)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)
build/tests/%: tests/unit/%.c tests/unit/check.h $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(OBJ) $(PKG_LIBS)

# store_test includes mailbot/store.c to reach its statics, so it links
# every object but store.o.
build/tests/store_test: tests/unit/store_test.c tests/unit/check.h \
    mailbot/store.c $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS_ALL) -o $@ $< \
	    $(filter-out build/obj/store.o,$(OBJ)) $(PKG_LIBS)
build/san/tests/store_test: tests/unit/store_test.c tests/unit/check.h \
    mailbot/store.c $(SANOBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit $(LDFLAGS_ALL) -o $@ $< \
	    $(filter-out build/san/store.o,$(SANOBJ)) $(PKG_LIBS)

# Small programs the shell tests call (e.g. to read a calendar with libical).
build/tools/%: tests/tools/%.c $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_ALL) -o $@ $< $(OBJ) $(PKG_LIBS)

build/san/%.o: mailbot/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -MMD -MP -c $< -o $@
build/san/migrations.o: build/gen/migrations.c
	$(CC) $(ALL_CFLAGS) $(SAN) -c $< -o $@
build/san/lexicon.o: build/gen/lexicon.c mailbot/lexicon.h
	$(CC) $(ALL_CFLAGS) $(SAN) -c $< -o $@
build/san/mailbot: build/san/main.o $(SANOBJ)
	$(CC) $(SAN) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)
build/san/tests/%: tests/unit/%.c tests/unit/check.h $(SANOBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(SANOBJ) $(PKG_LIBS)

build/san/tools/%: tests/tools/%.c $(SANOBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) $(LDFLAGS_ALL) -o $@ $< $(SANOBJ) $(PKG_LIBS)

san: build/san/mailbot $(SANUNIT) $(SANTOOLS)
units: $(UNIT) $(TOOLS)

# libFuzzer targets, one per parser of outside input (tests/fuzz/*_fuzz.c),
# built by clang with the project's objects built again, instrumented, in
# build/fuzz/. `make fuzz SECONDS=N` runs each for N seconds (see
# tests/fuzz/run.sh); `make check` runs each for a few seconds.
FUZZCC	 = clang
FUZZSAN	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
# clang, unlike gcc, warns of a format passed on in a va_list (log.c).
FUZZ_CFLAGS = $(WARN) -Wno-format-nonliteral -D_GNU_SOURCE -Imailbot \
	   -Ibuild/gen -DMAILBOT_PREFIX='"$(PREFIX)"' $(PKG_CFLAGS) \
	   -g -O1 $(FUZZSAN)
FUZZSRC	:= $(sort $(wildcard tests/fuzz/*_fuzz.c))
FUZZOBJ	 = $(patsubst mailbot/%.c,build/fuzz/obj/%.o,$(LIBSRCS)) \
	   build/fuzz/obj/migrations.o build/fuzz/obj/lexicon.o
FUZZ	 = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZSRC))
SECONDS	?= 60

build/fuzz/obj/%.o: mailbot/%.c
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
build/fuzz/obj/migrations.o: build/gen/migrations.c
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
build/fuzz/obj/lexicon.o: build/gen/lexicon.c mailbot/lexicon.h
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
build/fuzz/%_fuzz: tests/fuzz/%_fuzz.c tests/fuzz/fuzz.h $(FUZZOBJ)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZOBJ) \
	    $(PKG_LIBS)

fuzz-build: $(FUZZ)
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@tests/fuzz/run.sh $(SECONDS)

deps:
	@sh tests/deps.sh

# Every test, as built and then under the sanitizers; the last line of the
# output is the total "N passed, N failed".
check: deps
	@$(MAKE) --no-print-directory all units san fuzz-build
	@tests/check-all

lint:
	@! grep -nE '\<(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gets)\(' \
	    mailbot/*.c mailbot/*.h || { echo "lint: banned function"; exit 1; }

# Figures for the README: see tests/bench/.
bench: deps all
	@for b in tests/bench/*_bench.sh; do $$b || exit 1; done

demo: deps all
	@tests/demo.sh

# `make install PREFIX=/usr/local DESTDIR=...`: the binary, the templates
# beside it (bin/../share/mailbot/templates, where it looks first), the man
# pages, the systemd units with ExecStart= set for PREFIX, the sysusers.d
# entry for the mailbot user and the example config. Nothing goes in /etc.
I_BIN	 = $(DESTDIR)$(PREFIX)/bin
I_TPL	 = $(DESTDIR)$(PREFIX)/share/mailbot/templates
I_MAN	 = $(DESTDIR)$(PREFIX)/share/man
I_DOC	 = $(DESTDIR)$(PREFIX)/share/doc/mailbot
I_UNIT	 = $(DESTDIR)$(PREFIX)/lib/systemd/system
I_USERS	 = $(DESTDIR)$(PREFIX)/lib/sysusers.d
I_LANGS	:= $(notdir $(patsubst %/,%,$(wildcard templates/*/)))
I_UNITS	 = mailbot.service mailbot@.service

install: all
	install -d $(I_BIN) $(I_MAN)/man5 $(I_MAN)/man8 $(I_DOC) $(I_UNIT) \
	    $(I_USERS) $(addprefix $(I_TPL)/,$(I_LANGS))
	install -m 755 build/mailbot $(I_BIN)/mailbot
	for l in $(I_LANGS); do \
		install -m 644 templates/$$l/* $(I_TPL)/$$l/ || exit 1; \
	done
	install -m 644 man/mailbot.8 $(I_MAN)/man8/mailbot.8
	install -m 644 man/mailbot.conf.5 $(I_MAN)/man5/mailbot.conf.5
	install -m 644 mailbot.conf.example $(I_DOC)/mailbot.conf.example
	for u in $(I_UNITS); do \
		sed 's|^ExecStart=/usr/local/bin/|ExecStart=$(PREFIX)/bin/|' \
		    systemd/$$u >$(I_UNIT)/$$u.tmp && \
		chmod 644 $(I_UNIT)/$$u.tmp && \
		mv $(I_UNIT)/$$u.tmp $(I_UNIT)/$$u || exit 1; \
	done
	install -m 644 systemd/sysusers.conf $(I_USERS)/mailbot.conf

# Removes what install put there, and the directories that are mailbot's
# alone; shared ones (bin, man8, ...) stay.
uninstall:
	rm -f $(I_BIN)/mailbot $(I_MAN)/man8/mailbot.8 \
	    $(I_MAN)/man5/mailbot.conf.5 $(I_DOC)/mailbot.conf.example \
	    $(addprefix $(I_UNIT)/,$(I_UNITS)) $(I_USERS)/mailbot.conf
	for l in $(I_LANGS); do \
		for f in templates/$$l/*; do \
			rm -f $(I_TPL)/$$l/$${f##*/}; \
		done; \
		if [ -d $(I_TPL)/$$l ]; then rmdir $(I_TPL)/$$l || exit 1; fi; \
	done
	for d in $(I_TPL) $(DESTDIR)$(PREFIX)/share/mailbot $(I_DOC); do \
		if [ -d $$d ]; then rmdir $$d || exit 1; fi; \
	done

clean:
	rm -rf build

.PHONY: all san units fuzz fuzz-build deps check lint demo bench clean \
	install uninstall
-include $(wildcard build/obj/*.d build/san/*.d build/fuzz/obj/*.d)
