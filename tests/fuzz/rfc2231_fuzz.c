/*
 * rfc2231_fuzz.c: MIME parameters: the input is read as the parameter
 * list of a Content-Type field ("; name*0*=utf-8''a%20; name*1=b"),
 * split on ";" and the first "=", and rfc2231_param_get asked for the
 * names mail.c asks for and for each name as written before its "*".
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "rfc2231.h"

#define MAX_PARAMS	64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "charset", "filename", "name",
	    "method", "report-type" };
	struct rfc2231_param	 p[MAX_PARAMS];
	char			 base[64], *s, *part, *next, *eq, *star;
	char			*problem = NULL;
	size_t			 n = 0, i;

	s = fuzz_str(data, size);
	for (part = s; part != NULL && n < MAX_PARAMS; part = next) {
		if ((next = strchr(part, ';')) != NULL)
			*next++ = '\0';
		part += strspn(part, " \t\r\n");
		if ((eq = strchr(part, '=')) == NULL)
			continue;
		*eq = '\0';
		p[n].name = part;
		p[n].value = eq + 1;
		if (eq[1] == '"' && strlen(eq + 1) >= 2 &&
		    eq[strlen(eq + 1)] == '"') {
			eq[strlen(eq + 1)] = '\0';
			p[n].value = eq + 2;
		}
		n++;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		free(rfc2231_param_get(p, n, names[i], &problem));
	for (i = 0; i < n; i++) {
		snprintf(base, sizeof(base), "%s", p[i].name);
		if ((star = strchr(base, '*')) != NULL)
			*star = '\0';
		free(rfc2231_param_get(p, n, base, &problem));
	}
	free(problem);
	free(s);
	return 0;
}
