// dot4j building block (Verilog-2005). Streams are valid/ready: a word moves on a clock edge where
// valid and ready are both high.
// Max pooling of non-overlapping K x K tiles (stride K, K >= 2, no padding) without a window register: the
// maximum of the current tile row is kept in one register, the maxima of the tile rows above in a row buffer
// (one entry per output column, in block RAM). Pixels past the last whole tile of a row or column are dropped,
// as floor((H - K) / K) + 1 says.
module d4j_tilepool #(
    parameter H = 4,
    parameter W = 4,
    parameter C = 1,
    parameter B = 2,
    parameter K = 2
) (
    input  wire           clk,
    input  wire           rst,
    input  wire           in_valid,
    output wire           in_ready,
    input  wire [C*B-1:0] in_data,
    output reg            out_valid,
    input  wire           out_ready,
    output reg  [C*B-1:0] out_data
);
    localparam OW = W / K;
    localparam OH = H / K;
    localparam XW = $clog2(W + 1);
    localparam YW = $clog2(H + 1);
    localparam KB = $clog2(K);
    localparam OB = $clog2(OW + 1);
    localparam IB = OW > 1 ? $clog2(OW) : 1;   // row buffer index: exactly OW entries (no power-of-two padding)
    localparam [31:0] X_LAST32 = W - 1, Y_LAST32 = H - 1, X_KEEP32 = OW * K, Y_KEEP32 = OH * K, K_LAST32 = K - 1;
    localparam [XW-1:0] X_LAST = X_LAST32[XW-1:0], X_KEEP = X_KEEP32[XW-1:0];
    localparam [YW-1:0] Y_LAST = Y_LAST32[YW-1:0], Y_KEEP = Y_KEEP32[YW-1:0];
    localparam [KB-1:0] K_LAST = K_LAST32[KB-1:0];

    reg [XW-1:0] x;
    reg [YW-1:0] y;
    reg [KB-1:0] cx, ry;
    reg [OB-1:0] ox;
    reg [C*B-1:0] row_max;                   // maximum of the current tile row so far
    reg [C*B-1:0] above [0:OW-1];            // maxima of the tile rows above, per output column
    reg [C*B-1:0] above_q;                   // always above[ox]

    assign in_ready = !out_valid || out_ready;
    wire take = in_valid && in_ready;
    wire keep = x < X_KEEP && y < Y_KEEP;
    wire row_end = x == X_LAST;
    wire tile_end = keep && cx == K_LAST;
    wire [OB-1:0] ox_next = row_end ? {OB{1'b0}} : tile_end ? ox + 1'b1 : ox;

    wire [C*B-1:0] hmax, vmax;
    genvar c;
    generate
        for (c = 0; c < C; c = c + 1) begin : g_channel
            wire [B-1:0] v = in_data[c*B +: B];
            wire [B-1:0] r = row_max[c*B +: B];
            wire [B-1:0] a = above_q[c*B +: B];
            wire [B-1:0] h = cx == {KB{1'b0}} || v > r ? v : r;
            assign hmax[c*B +: B] = h;
            assign vmax[c*B +: B] = ry == {KB{1'b0}} || h > a ? h : a;
        end
    endgenerate

    always @(posedge clk) begin
        if (take && keep) begin
            if (!tile_end) row_max <= hmax;
            else if (ry != K_LAST) above[ox[IB-1:0]] <= vmax;
        end
        // past the last tile of a row ox is OW: that read is never used
        above_q <= above[take ? ox_next[IB-1:0] : ox[IB-1:0]];
    end

    always @(posedge clk) begin
        if (rst) begin
            x <= {XW{1'b0}};
            y <= {YW{1'b0}};
            cx <= {KB{1'b0}};
            ry <= {KB{1'b0}};
            ox <= {OB{1'b0}};
            out_valid <= 1'b0;
        end else begin
            if (out_ready) out_valid <= 1'b0;
            if (take) begin
                if (tile_end && ry == K_LAST) begin
                    out_valid <= 1'b1;
                    out_data <= vmax;
                end
                ox <= ox_next;
                x <= row_end ? {XW{1'b0}} : x + 1'b1;
                cx <= row_end || cx == K_LAST ? {KB{1'b0}} : cx + 1'b1;
                if (row_end) begin
                    y <= y == Y_LAST ? {YW{1'b0}} : y + 1'b1;
                    ry <= y == Y_LAST || ry == K_LAST ? {KB{1'b0}} : ry + 1'b1;
                end
            end
        end
    end
endmodule
