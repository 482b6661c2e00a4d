// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// Sliding window over a raster stream of pixels (CB bits each: all channels of one position).
// Walks the zero-padded (H+2P) x (W+2P) grid one position per step: in_image the image a step takes one input
// pixel, on the padding it takes none. A line buffer keeps the last KH-1 rows; the window register holds
// KH x KW pixels, position (ky, kx) at bits [(ky*KW+kx)*CB +: CB], the order of the weight columns.
// A window is offered after each step that completes an output position (stride S) and held until taken.
module d4j_window #(
    parameter H  = 4,
    parameter W  = 4,
    parameter CB = 8,
    parameter KH = 3,
    parameter KW = 3,
    parameter S  = 1,
    parameter P  = 1
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire                  in_valid,
    output wire                  in_ready,
    input  wire [CB-1:0]         in_data,
    output wire                  out_valid,
    input  wire                  out_ready,
    output wire [KH*KW*CB-1:0]   out_data
);
    localparam HP = H + 2 * P;
    localparam WP = W + 2 * P;
    localparam YW = $clog2(HP + 1);   // wide enough for 0..HP
    localparam XW = $clog2(WP + 1);
    localparam FW = S > 1 ? $clog2(S) : 1;
    localparam [31:0] Y_LAST32 = HP - 1, X_LAST32 = WP - 1, Y_PAD32 = P, X_PAD32 = P, Y_END32 = P + H,
                      X_END32 = P + W, Y_FULL32 = KH - 1, X_FULL32 = KW - 1, F_LAST32 = S - 1;
    localparam [YW-1:0] Y_LAST = Y_LAST32[YW-1:0], Y_PAD = Y_PAD32[YW-1:0], Y_END = Y_END32[YW-1:0],
                        Y_FULL = Y_FULL32[YW-1:0];
    localparam [XW-1:0] X_LAST = X_LAST32[XW-1:0], X_PAD = X_PAD32[XW-1:0], X_END = X_END32[XW-1:0],
                        X_FULL = X_FULL32[XW-1:0];
    localparam [FW-1:0] F_LAST = F_LAST32[FW-1:0];

    reg [YW-1:0] py;
    reg [XW-1:0] px;
    reg [FW-1:0] yph, xph;   // (py - (KH-1)) mod S and (px - (KW-1)) mod S, once past the first full window
    reg          win_valid;
    reg [KH*KW*CB-1:0] win;

    // comparisons with a zero bound are left out (they are constant, and lint says so)
    wire y_in, x_in, y_full, x_full, x_early, y_early;
    generate
        if (P > 0) begin : g_pad
            assign y_in = py >= Y_PAD && py < Y_END;
            assign x_in = px >= X_PAD && px < X_END;
        end else begin : g_nopad
            assign y_in = 1'b1;
            assign x_in = 1'b1;
        end
        if (KH > 1) begin : g_ky
            assign y_full = py >= Y_FULL;
            assign y_early = py < Y_FULL;
        end else begin : g_ky1
            assign y_full = 1'b1;
            assign y_early = 1'b0;
        end
        if (KW > 1) begin : g_kx
            assign x_full = px >= X_FULL;
            assign x_early = px < X_FULL;
        end else begin : g_kx1
            assign x_full = 1'b1;
            assign x_early = 1'b0;
        end
    endgenerate
    wire in_image = y_in && x_in;
    wire free   = !win_valid || out_ready;
    wire step   = free && (!in_image || in_valid);
    wire [CB-1:0] pix = in_image ? in_data : {CB{1'b0}};
    wire at_output = y_full && x_full && yph == {FW{1'b0}} && xph == {FW{1'b0}};
    wire row_end   = px == X_LAST;
    wire [XW-1:0] px_next = row_end ? {XW{1'b0}} : px + 1'b1;
    wire [YW-1:0] py_next = py == Y_LAST ? {YW{1'b0}} : py + 1'b1;

    assign in_ready  = free && in_image;
    assign out_valid = win_valid;
    assign out_data  = win;

    // the column entering the window: KH-1 rows from the line buffer, the new pixel at the bottom
    wire [KH*CB-1:0] column;
    assign column[(KH-1)*CB +: CB] = pix;
    generate
        if (KH > 1) begin : g_lines
            reg [(KH-1)*CB-1:0] lines [0:(1 << XW) - 1];   // segment j: row py-1-j at column px
            reg [(KH-1)*CB-1:0] lines_q;                    // always lines[px]
            wire [XW-1:0] rd_addr = step ? px_next : px;
            wire [(KH-1)*CB-1:0] lines_d;
            assign lines_d[0 +: CB] = pix;
            genvar j;
            for (j = 1; j < KH - 1; j = j + 1) begin : g_shift
                assign lines_d[j*CB +: CB] = lines_q[(j-1)*CB +: CB];
            end
            for (j = 0; j < KH - 1; j = j + 1) begin : g_col
                assign column[(KH-2-j)*CB +: CB] = lines_q[j*CB +: CB];
            end
            always @(posedge clk) begin
                if (step) lines[px] <= lines_d;
                lines_q <= lines[rd_addr];
            end
        end
    endgenerate

    // the window shifts left by one column per step
    wire [KH*KW*CB-1:0] win_next;
    genvar ky, kx;
    generate
        for (ky = 0; ky < KH; ky = ky + 1) begin : g_row
            for (kx = 0; kx < KW - 1; kx = kx + 1) begin : g_keep
                assign win_next[(ky*KW+kx)*CB +: CB] = win[(ky*KW+kx+1)*CB +: CB];
            end
            assign win_next[(ky*KW+KW-1)*CB +: CB] = column[ky*CB +: CB];
        end
    endgenerate

    always @(posedge clk) begin
        if (rst) begin
            py <= {YW{1'b0}};
            px <= {XW{1'b0}};
            yph <= {FW{1'b0}};
            xph <= {FW{1'b0}};
            win_valid <= 1'b0;
        end else if (step) begin
            win <= win_next;
            win_valid <= at_output;
            px <= px_next;
            xph <= (row_end || x_early || xph == F_LAST) ? {FW{1'b0}} : xph + 1'b1;
            if (row_end) begin
                py <= py_next;
                yph <= (py == Y_LAST || y_early || yph == F_LAST) ? {FW{1'b0}} : yph + 1'b1;
            end
        end else if (out_ready) begin
            win_valid <= 1'b0;
        end
    end
endmodule
