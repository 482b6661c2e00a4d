/* dot4j host harness: runs dot4j_predict on every image of a file and writes the scores.
   usage: host IMAGES SCORES [TRACE]
   IMAGES: DOT4J_INPUT_SIZE bytes per image, back to back. SCORES: per image DOT4J_NUM_CLASSES int32 scores and the
   returned class (int32, host byte order). TRACE (built with -DDOT4J_TRACE): records of 5 int32
   (layer, y, x, channel, value), each image opened by (-1, image, 0, 0, 0). */
#include <stdio.h>
#include <stdlib.h>
#include "dot4j_model.h"

static FILE *trace_file;

#ifdef DOT4J_TRACE
void dot4j_trace(int layer, int y, int x, int c, int32_t value) {
    int32_t r[5];
    r[0] = layer;
    r[1] = y;
    r[2] = x;
    r[3] = c;
    r[4] = value;
    if (trace_file != NULL) {
        fwrite(r, sizeof r, 1, trace_file);
    }
}
#endif

int main(int argc, char **argv) {
    static uint8_t image[DOT4J_INPUT_SIZE];
    int32_t scores[DOT4J_NUM_CLASSES + 1];
    int32_t n = 0;
    FILE *in, *out;
    if (argc < 3) {
        fprintf(stderr, "usage: %s IMAGES SCORES [TRACE]\n", argv[0]);
        return 2;
    }
    in = fopen(argv[1], "rb");
    out = fopen(argv[2], "wb");
    if (in == NULL || out == NULL) {
        fprintf(stderr, "cannot open %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    if (argc > 3) {
        trace_file = fopen(argv[3], "wb");
    }
    while (fread(image, 1, DOT4J_INPUT_SIZE, in) == DOT4J_INPUT_SIZE) {
        if (trace_file != NULL) {
            int32_t mark[5];
            mark[0] = -1;
            mark[1] = n;
            mark[2] = mark[3] = mark[4] = 0;
            fwrite(mark, sizeof mark, 1, trace_file);
        }
        scores[DOT4J_NUM_CLASSES] = dot4j_predict(image, scores);
        if (fwrite(scores, sizeof(int32_t), DOT4J_NUM_CLASSES + 1, out) != DOT4J_NUM_CLASSES + 1) {
            fprintf(stderr, "cannot write %s\n", argv[2]);
            return 2;
        }
        n++;
    }
    fclose(in);
    if (fclose(out) != 0 || (trace_file != NULL && fclose(trace_file) != 0)) {
        fprintf(stderr, "cannot finish writing the results\n");
        return 2;
    }
    return 0;
}
